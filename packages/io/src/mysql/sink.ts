// The MySQL/MariaDB sink: overwrite / append / upsert / errorIfExists / ignore, in one transaction of batched INSERTs.
import type * as arrow from "apache-arrow";
import {
  ExecutionError,
  type ExecutionContext, type Field, type JsonValue, type SinkProvider, type WriteRequest, type WriteResult,
} from "@lgde/core";
import { describeConnection, toConnectionOptions, type MysqlConnectionOptions } from "./connection-options.js";
import { explainMysqlError, openConnection, type MysqlConnection } from "./connect.js";
import { quoteIdent, quoteTable } from "./sql.js";
import { ddlType } from "./types.js";
import { InsertWriter, type ColumnTarget } from "./insert-writer.js";

/** Parsed sink options. */
export interface MysqlSinkOptions {
  readonly conn: MysqlConnectionOptions;
  /** Key columns for upsert (`key`: a name, names separated by commas, or an array). */
  readonly key: readonly string[];
  /** Rows per INSERT statement (default 1000; statements are also kept under max_allowed_packet). */
  readonly batchSize: number;
  /**
   * Column types for a table the sink creates, overriding the mapped ones (Spark's JDBC option
   * `createTableColumnTypes`): `"dt CHAR(10), name VARCHAR(64)"`.
   */
  readonly columnTypes: ReadonlyMap<string, string>;
}

const SAFE_COLUMN_TYPE = /^[A-Za-z]+(\s*\(\s*\d+(\s*,\s*\d+)?\s*\))?(\s+(UNSIGNED|CHARACTER SET \w+|COLLATE \w+))*$/i;

/** Parses `"dt CHAR(10), n DECIMAL(10,2)"`; only plain type names are accepted, never arbitrary SQL. */
export function parseColumnTypes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  parts.push(text.slice(start));
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== "")) {
    const m = /^`?([^`\s]+)`?\s+(.+)$/.exec(part);
    if (!m || !SAFE_COLUMN_TYPE.test(m[2]!.trim())) {
      throw new Error(`MySQL sink option "createTableColumnTypes": cannot read "${part}"; expected "column TYPE", e.g. "dt CHAR(10)"`);
    }
    out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

export function parseSinkOptions(o: { readonly [key: string]: JsonValue }): MysqlSinkOptions {
  const rawKey = o["key"];
  let key: string[] = [];
  if (typeof rawKey === "string") key = rawKey.split(",").map((s) => s.trim()).filter((s) => s !== "");
  else if (Array.isArray(rawKey) && rawKey.every((k) => typeof k === "string")) key = rawKey as string[];
  else if (rawKey !== undefined && rawKey !== null) throw new Error("MySQL sink option `key` must be a column name or a list of names");
  const bs = o["batchSize"];
  const batchSize = bs === undefined || bs === null ? 1000 : Number(bs);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`MySQL sink option "batchSize" must be a positive integer, got ${JSON.stringify(bs)}`);
  const ct = o["createTableColumnTypes"];
  if (ct !== undefined && ct !== null && typeof ct !== "string") throw new Error('MySQL sink option "createTableColumnTypes" must be a string like "dt CHAR(10)"');
  const columnTypes = typeof ct === "string" ? parseColumnTypes(ct) : new Map<string, string>();
  return Object.freeze({ conn: toConnectionOptions(o["url"]), key: Object.freeze(key), batchSize, columnTypes });
}

function splitTable(table: string): [string | null, string] {
  const parts = table.split(".");
  return parts.length === 2 && parts[0] !== "" && parts[1] !== "" ? [parts[0]!, parts[1]!] : [null, table];
}

/** The target table's columns (name → lower-case DATA_TYPE), or null when the table does not exist. */
async function tableColumns(c: MysqlConnection, table: string): Promise<Map<string, string> | null> {
  const [db, name] = splitTable(table);
  const [rows] = await c.query({
    sql: "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
    values: [db, name],
    rowsAsArray: true,
  });
  const list = rows as [string, string][];
  if (list.length === 0) return null;
  return new Map(list.map(([n, t]) => [n.toLowerCase(), String(t).toLowerCase()]));
}

/** Whether some PRIMARY KEY or UNIQUE index of `table` consists exactly of `key` (so ON DUPLICATE KEY matches on it). */
async function hasUniqueIndexOn(c: MysqlConnection, table: string, key: readonly string[]): Promise<boolean> {
  const [db, name] = splitTable(table);
  const [rows] = await c.query({
    sql: "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND NON_UNIQUE = 0",
    values: [db, name],
    rowsAsArray: true,
  });
  const byIndex = new Map<string, Set<string>>();
  for (const [index, column] of rows as [string, string][]) {
    if (!byIndex.has(index)) byIndex.set(index, new Set());
    byIndex.get(index)!.add(column.toLowerCase());
  }
  const want = new Set(key.map((k) => k.toLowerCase()));
  return [...byIndex.values()].some((cols) => cols.size === want.size && [...want].every((k) => cols.has(k)));
}

/** CREATE TABLE for a schema (utf8mb4, InnoDB), with PRIMARY KEY(key) when a key is given. */
export function createTableSql(
  table: string, fields: readonly Field[], key: readonly string[], columnTypes: ReadonlyMap<string, string> = new Map(),
): string {
  const keys = new Set(key);
  for (const name of columnTypes.keys()) {
    if (!fields.some((f) => f.name === name)) {
      throw new Error(`MySQL sink option "createTableColumnTypes" names column "${name}", which is not in the data; columns: ${fields.map((f) => f.name).join(", ")}`);
    }
  }
  const cols = fields.map((f) => `${quoteIdent(f.name)} ${columnTypes.get(f.name) ?? ddlType(f.type, keys.has(f.name))}${f.nullable && !keys.has(f.name) ? " NULL" : " NOT NULL"}`);
  if (key.length > 0) cols.push(`PRIMARY KEY (${key.map(quoteIdent).join(", ")})`);
  return `CREATE TABLE ${quoteTable(table)} (${cols.join(", ")}) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
}

/** Writes MySQL/MariaDB tables (format "mysql"). See `packages/io/src/mysql/README.md`. */
export const mysqlSink: SinkProvider = Object.freeze({
  format: "mysql",
  write(batches: AsyncIterable<arrow.RecordBatch>, request: WriteRequest, ctx: ExecutionContext): Promise<WriteResult> {
    return writeTable(batches, request, ctx);
  },
});

async function writeTable(batches: AsyncIterable<arrow.RecordBatch>, request: WriteRequest, ctx: ExecutionContext): Promise<WriteResult> {
  const o = parseSinkOptions(request.options);
  const table = request.target;
  const where = `MySQL ${describeConnection(o.conn)} table ${table}`;
  if (table.trim() === "") throw new ExecutionError(`${where}: no target table given`);
  if (request.partitionBy.length > 0) throw new ExecutionError(`${where}: partitionBy is not supported for MySQL tables (got ${request.partitionBy.join(", ")})`);
  const fields = request.schema.fields;
  const names = fields.map((f) => f.name);
  if (request.mode === "upsert" && o.key.length === 0) throw new ExecutionError(`${where}: mode "upsert" needs option "key" (the key column or columns)`);
  for (const k of o.key) {
    if (!names.includes(k)) throw new ExecutionError(`${where}: key column "${k}" is not in the data; columns: ${names.join(", ")}`);
  }

  const c = await openConnection(o.conn, { table, action: "writing" });
  let created = false;
  let inTransaction = false;
  try {
    // Strict mode: a value that does not fit fails the write instead of being truncated silently.
    await c.query("SET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'STRICT_ALL_TABLES')");
    let existing = await tableColumns(c, table);
    if (existing !== null && request.mode === "ignore") return { rows: 0, files: 0, partitions: [], skipped: true };
    if (existing !== null && request.mode === "errorIfExists") throw new ExecutionError(`${where} already exists (mode "errorIfExists")`);
    if (existing === null) {
      // DDL commits implicitly in MySQL, so the table is created before the transaction and dropped again on failure.
      await c.query(createTableSql(table, fields, request.mode === "upsert" ? o.key : [], o.columnTypes));
      created = true;
      existing = await tableColumns(c, table);
    } else {
      const missing = names.filter((n) => !existing!.has(n.toLowerCase()));
      if (missing.length > 0) {
        throw new ExecutionError(`${where}: column(s) ${missing.join(", ")} of the data do not exist in the table; its columns: ${[...existing.keys()].join(", ")}`);
      }
      if (request.mode === "upsert" && !(await hasUniqueIndexOn(c, table, o.key))) {
        throw new ExecutionError(`${where} has no PRIMARY KEY or UNIQUE index on (${o.key.join(", ")}), so upsert could not find existing rows; add one or use another mode`);
      }
    }
    const targets: ColumnTarget[] = fields.map((f) => ({ field: f, zone: existing!.get(f.name.toLowerCase()) === "timestamp" ? "UTC" : ctx.timeZone }));
    const [packetRows] = await c.query({ sql: "SELECT @@max_allowed_packet", rowsAsArray: true });
    const maxPacket = Number((packetRows as unknown[][])[0]?.[0] ?? 4 * 1024 * 1024);

    await c.beginTransaction();
    inTransaction = true;
    if (request.mode === "overwrite" && !created) await c.query(`DELETE FROM ${quoteTable(table)}`);
    const writer = new InsertWriter(c, table, targets, {
      upsertKey: request.mode === "upsert" ? o.key : null,
      rowsPerStatement: o.batchSize,
      maxStatementBytes: Math.floor(maxPacket * 0.9) - 1024,
      onRows: (rows) => ctx.onProgress?.({ task: `write mysql ${table}`, rows }),
    });
    for await (const batch of batches) {
      ctx.signal?.throwIfAborted();
      await writer.add(batch);
    }
    await writer.finish();
    await c.commit();
    inTransaction = false;
    ctx.onProgress?.({ task: `write mysql ${table}`, rows: writer.rows, done: true });
    return { rows: writer.rows, files: 0, partitions: [] };
  } catch (err) {
    if (inTransaction) await c.rollback().catch(() => {});
    if (created) await c.query(`DROP TABLE IF EXISTS ${quoteTable(table)}`).catch(() => {});
    throw explainMysqlError(err, { conn: o.conn, table, action: `writing (mode ${request.mode})` });
  } finally {
    await c.end().catch(() => c.destroy());
  }
}
