// Connection settings for MySQL/MariaDB: parsing `mysql://` URLs and option objects, and describing them without secrets.
import type { JsonValue } from "@lgde/core";

/** Where and as whom to connect. */
export interface MysqlConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Default database; tables may also be named `db.table`. */
  readonly database: string | null;
  /** Milliseconds to wait for the connection before failing (default 5000). */
  readonly connectTimeout: number;
}

const DEFAULT_PORT = 3306;
const DEFAULT_CONNECT_TIMEOUT = 5000;

/**
 * Parses `mysql://user:password@host:port/database` (also `mariadb://`). User and password may be
 * percent-encoded. Errors never repeat the password.
 *
 * @example parseMysqlUrl("mysql://root:secret@127.0.0.1:3306/shop") // { host: "127.0.0.1", port: 3306, user: "root", ... }
 */
export function parseMysqlUrl(url: string): MysqlConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`invalid MySQL URL "${maskUrl(url)}": expected mysql://user:password@host:port/database`);
  }
  if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
    throw new Error(`invalid MySQL URL "${maskUrl(url)}": the scheme must be mysql:// or mariadb://`);
  }
  if (parsed.hostname === "") throw new Error(`invalid MySQL URL "${maskUrl(url)}": no host`);
  const port = parsed.port === "" ? DEFAULT_PORT : Number(parsed.port);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "").replace(/\/$/, ""));
  const timeout = parsed.searchParams.get("connectTimeout");
  return Object.freeze({
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port,
    user: decodeURIComponent(parsed.username) || "root",
    password: decodeURIComponent(parsed.password),
    database: database === "" ? null : database,
    connectTimeout: timeout === null ? DEFAULT_CONNECT_TIMEOUT : Number(timeout),
  });
}

/** A URL with its password replaced by `***`, for messages. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}

/**
 * Accepts what a user passes as `url`: a `mysql://` string or an object
 * `{ host, port, user, password, database, connectTimeout }` (all optional except host).
 */
export function toConnectionOptions(value: JsonValue | undefined): MysqlConnectionOptions {
  if (typeof value === "string") return parseMysqlUrl(value);
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("MySQL source/sink needs a `url`: a mysql://user:password@host:port/database string or { host, port, user, password, database }");
  }
  const o = value as { readonly [key: string]: JsonValue };
  const str = (k: string): string | null => {
    const v = o[k];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") throw new Error(`MySQL connection option "${k}" must be a string`);
    return v;
  };
  const num = (k: string, dflt: number): number => {
    const v = o[k];
    if (v === undefined || v === null) return dflt;
    const n = typeof v === "string" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) throw new Error(`MySQL connection option "${k}" must be a positive integer`);
    return n;
  };
  return Object.freeze({
    host: str("host") ?? "127.0.0.1",
    port: num("port", DEFAULT_PORT),
    user: str("user") ?? "root",
    password: str("password") ?? "",
    database: str("database"),
    connectTimeout: num("connectTimeout", DEFAULT_CONNECT_TIMEOUT),
  });
}

/** `user@host:port/database`, never the password. */
export function describeConnection(c: MysqlConnectionOptions): string {
  return `${c.user}@${c.host}:${c.port}${c.database === null ? "" : `/${c.database}`}`;
}
