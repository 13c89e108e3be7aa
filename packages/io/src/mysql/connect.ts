// Opening MySQL connections with a bounded connect time, and turning driver errors into messages that name the culprit.
import type * as mysql from "mysql2/promise";
import { ExecutionError } from "@lgde/core";
import { describeConnection, type MysqlConnectionOptions } from "./connection-options.js";

/** A promise-API connection from mysql2. */
export type MysqlConnection = mysql.Connection;

/** What we were doing when a driver error happened, for the message. */
export interface ErrorContext {
  readonly conn: MysqlConnectionOptions;
  /** The table or query involved, if any. */
  readonly table?: string;
  /** e.g. "reading", "writing", "resolving the schema of". */
  readonly action: string;
}

interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly sqlMessage?: string;
  readonly message?: string;
}

/**
 * Rewrites a mysql2 error into an `ExecutionError` that says what went wrong and where
 * (host:port, user@host, database, table), keeping the original as `cause`. Never includes the password.
 */
export function explainMysqlError(err: unknown, where: ErrorContext): Error {
  if (err instanceof ExecutionError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as DriverError;
  const { host, port, user, database } = where.conn;
  const at = `${host}:${port}`;
  const db = database ?? "(no database)";
  const table = where.table === undefined ? "" : ` table ${where.table}`;
  const detail = e.sqlMessage ?? e.message ?? String(err);
  let message: string;
  switch (e.code) {
    case "ECONNREFUSED":
      message = `cannot connect to MySQL at ${at}: connection refused (is the server running, and is ${port} the right port?)`;
      break;
    case "ETIMEDOUT":
    case "ECONNABORTED":
      message = `cannot connect to MySQL at ${at}: timed out after ${where.conn.connectTimeout} ms`;
      break;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      message = `cannot connect to MySQL at ${at}: host unreachable`;
      break;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      message = `cannot connect to MySQL at ${at}: unknown host "${host}"`;
      break;
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
      message = `MySQL at ${at} refused user ${user}@${host}: access denied (wrong user or password)`;
      break;
    case "ER_DBACCESS_DENIED_ERROR":
      message = `MySQL at ${at}: user ${user}@${host} may not use database ${db}`;
      break;
    case "ER_BAD_DB_ERROR":
      message = `MySQL at ${at}: unknown database ${db}`;
      break;
    case "ER_NO_SUCH_TABLE":
      message = `MySQL at ${at}, database ${db}:${table === "" ? " table" : table} does not exist (${detail})`;
      break;
    case "ER_TABLEACCESS_DENIED_ERROR":
      message = `MySQL at ${at}, database ${db}: user ${user}@${host} may not access${table} (${detail})`;
      break;
    default:
      message = `MySQL error at ${describeConnection(where.conn)} while ${where.action}${table}: ${detail}${e.code === undefined ? "" : ` [${e.code}]`}`;
  }
  return new ExecutionError(message, { cause: err });
}

/**
 * Opens one connection (utf8mb4, session time zone UTC so TIMESTAMP columns arrive as UTC,
 * BIGINT and DECIMAL as exact strings, dates as strings, rows as arrays).
 */
export async function openConnection(conn: MysqlConnectionOptions, where: Omit<ErrorContext, "conn">): Promise<MysqlConnection> {
  let c: MysqlConnection;
  try {
    // Loaded on first use: a program (or a worker thread) that reads no MySQL does not pay for the driver.
    const driver = (await import("mysql2/promise")).default;
    c = await driver.createConnection({
      host: conn.host,
      port: conn.port,
      user: conn.user,
      password: conn.password,
      ...(conn.database === null ? {} : { database: conn.database }),
      connectTimeout: conn.connectTimeout,
      charset: "UTF8MB4_UNICODE_CI",
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      timezone: "Z",
      multipleStatements: false,
    });
  } catch (err) {
    throw explainMysqlError(err, { conn, ...where });
  }
  // An idle connection's socket error must not crash the process; the next query reports it.
  c.on("error", () => {});
  try {
    await c.query("SET time_zone = '+00:00'");
  } catch (err) {
    c.destroy();
    throw explainMysqlError(err, { conn, ...where });
  }
  return c;
}

/**
 * Runs `fn` with a fresh connection and closes it afterwards (destroying it if `fn` failed).
 * Driver errors thrown by `fn` are rewritten by `explainMysqlError`.
 */
export async function withConnection<T>(
  conn: MysqlConnectionOptions,
  where: Omit<ErrorContext, "conn">,
  fn: (c: MysqlConnection) => Promise<T>,
): Promise<T> {
  const c = await openConnection(conn, where);
  let ok = false;
  try {
    const result = await fn(c);
    ok = true;
    return result;
  } catch (err) {
    throw explainMysqlError(err, { conn, ...where });
  } finally {
    if (ok) await c.end().catch(() => c.destroy());
    else c.destroy();
  }
}
