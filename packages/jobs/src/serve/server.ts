// `lgde serve`: the HTTP server (node:http) around the routes, with JSON errors and a strict page policy.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dimensionReader } from "./dimension.js";
import { HttpError } from "./http-error.js";
import { openMetricStore } from "./metric-store.js";
import { route, type Reply, type RouteContext } from "./routes.js";

/** Options of `startServer`. */
export interface ServeOptions {
  /** Warehouse root R (R/kpi, R/dim_users). */
  readonly warehouse: string;
  /** Database holding table `lgde` (`mysql://user:password@host:port/database`); null or absent: files only. */
  readonly mysql?: string | null;
  /** TCP port (default 8080; 0 picks a free one, see `port` of the result). */
  readonly port?: number;
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Where log lines go (default: standard error). */
  readonly log?: (line: string) => void;
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port/`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening, ends open connections, the database pool and the engine session. */
  close(): Promise<void>;
}

// The page is self-contained: no scripts at all, styles inline, nothing loaded from elsewhere.
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** JSON with 64-bit integers as numbers when exact, else as strings (never a lossy or thrown conversion). */
function toJson(body: unknown): string {
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v));
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, extra: Record<string, string> = {}): void {
  const body = reply.kind === "json" ? toJson(reply.body) : reply.body;
  const type = reply.kind === "json" ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
  res.writeHead(reply.status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...(reply.kind === "html" ? { "Content-Security-Policy": HTML_POLICY } : {}),
    ...extra,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: RouteContext, log: (line: string) => void): Promise<void> {
  const target = req.url ?? "/";
  try {
    if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, `method ${req.method ?? "?"} is not allowed: use GET`);
    // A fixed base: the Host header is the client's and plays no part.
    const url = new URL(target, "http://localhost");
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    send(req, res, await route(url.pathname, url.searchParams, ctx));
  } catch (e) {
    if (e instanceof HttpError) {
      send(req, res, { kind: "json", status: e.status, body: { error: e.message } }, e.status === 405 ? { Allow: "GET, HEAD" } : {});
      return;
    }
    const message = (e as Error).message ?? String(e);
    log(`serve: ${req.method ?? "?"} ${target} failed: ${message}`);
    if (!res.headersSent) send(req, res, { kind: "json", status: 500, body: { error: message } });
    else res.destroy();
  }
}

/**
 * Starts the metrics server and resolves once it listens. Chooses the metrics' source first (MySQL if it
 * answers within the connect timeout, else R/kpi) and logs the choice and the address.
 *
 * @example
 * const server = await startServer({ warehouse: "/tmp/target", port: 0 });
 * console.log(server.url); // http://127.0.0.1:41234/
 * await server.close();
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port ${port} is not a TCP port (0 to 65535)`);
  const metrics = await openMetricStore(options.warehouse, options.mysql, log);
  const ctx: RouteContext = { metrics, dimension: dimensionReader(options.warehouse) };
  const server = createServer((req, res) => void handle(req, res, ctx, log));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    await metrics.close();
    throw new Error(`cannot listen on ${host}:${port}: ${(e as Error).message}`, { cause: e });
  }
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}/`;
  log(`serve: listening on ${url} (warehouse ${options.warehouse})`);
  let closing: Promise<void> | null = null;
  return Object.freeze({
    url,
    port: bound,
    close(): Promise<void> {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await Promise.all([metrics.close(), ctx.dimension.close()]);
      })();
      return closing;
    },
  });
}
