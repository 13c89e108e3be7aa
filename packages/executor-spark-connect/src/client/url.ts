// Spark Connect's connection string: sc://host[:port][/;param=value;...] (params: token, user_id, use_ssl, ...).

/** A parsed `sc://` URL. */
export interface SparkConnectUrl {
  readonly host: string;
  readonly port: number;
  /** Bearer token for a hosted cluster; implies TLS. */
  readonly token: string | undefined;
  readonly useSsl: boolean;
  readonly userId: string | undefined;
  /** Other parameters, sent as gRPC metadata as Spark's clients do. */
  readonly params: Readonly<Record<string, string>>;
}

/** Spark Connect's default port. */
export const DEFAULT_PORT = 15002;

/** Parses `sc://host:port/;token=...;use_ssl=true;user_id=...`; errors name the URL. */
export function parseSparkConnectUrl(url: string): SparkConnectUrl {
  const m = /^sc:\/\/(\[[^\]]+\]|[^:/;]+)(?::(\d+))?(?:\/(.*))?$/.exec(url);
  if (m === null) throw new TypeError(`spark-connect: "${url}" is not a Spark Connect URL (expected sc://host:port)`);
  const host = m[1]!;
  const port = m[2] === undefined ? DEFAULT_PORT : Number(m[2]);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new TypeError(`spark-connect: bad port in "${url}"`);
  const params: Record<string, string> = {};
  for (const part of (m[3] ?? "").split(";")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new TypeError(`spark-connect: bad parameter "${part}" in "${url}" (expected key=value)`);
    params[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
  }
  const { token, use_ssl: ssl, user_id: userId, ...rest } = params;
  return Object.freeze({
    host, port, token, userId,
    useSsl: token !== undefined || ssl?.toLowerCase() === "true",
    params: Object.freeze(rest),
  });
}
