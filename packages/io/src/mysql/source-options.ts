// The options a MySQL SourceRef carries, validated once (in resolve) and re-read (in partitions/read, maybe in a worker).
import type { JsonValue, SourceRef } from "@lgde/core";
import { toConnectionOptions, type MysqlConnectionOptions } from "./connection-options.js";
import { isMysqlKind, type MysqlKind } from "./types.js";

/** Parsed MySQL source options. */
export interface MysqlSourceOptions {
  readonly conn: MysqlConnectionOptions;
  readonly relation: { readonly table: string } | { readonly query: string };
  /** A numeric column to split on, with the number of partitions. */
  readonly splitBy: string | null;
  readonly numPartitions: number;
  /** Rows the driver may buffer ahead of the consumer (stream high-water mark). */
  readonly fetchSize: number;
  readonly tinyInt1isBit: boolean;
}

type Options = { readonly [key: string]: JsonValue };

function positiveInt(o: Options, key: string, dflt: number): number {
  const v = o[key];
  if (v === undefined || v === null) return dflt;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new Error(`MySQL source option "${key}" must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** A `table` value that is really a query (`SELECT ...`, `WITH ...` or `(...)`) is treated as one. */
function looksLikeQuery(s: string): boolean {
  return /^\s*(\(|select\s|with\s)/i.test(s);
}

/** Validates user options: `url`, and `table` or `query`; `splitBy` with `numPartitions`; `fetchSize`; `tinyInt1isBit`. */
export function parseSourceOptions(o: Options): MysqlSourceOptions {
  const conn = toConnectionOptions(o["url"]);
  const table = o["table"] ?? o["dbtable"];
  const query = o["query"];
  if ((table === undefined || table === null) === (query === undefined || query === null)) {
    throw new Error("MySQL source needs exactly one of `table` or `query`");
  }
  const text = table ?? query;
  if (typeof text !== "string" || text.trim() === "") throw new Error("MySQL source: `table`/`query` must be a non-empty string");
  const relation = query !== undefined && query !== null || looksLikeQuery(text) ? { query: text } : { table: text };
  const splitBy = o["splitBy"] ?? o["partitionColumn"] ?? null;
  if (splitBy !== null && typeof splitBy !== "string") throw new Error("MySQL source option `splitBy` must be a column name");
  const numPartitions = positiveInt(o, "numPartitions", splitBy === null ? 1 : 4);
  if (splitBy === null && numPartitions > 1) throw new Error("MySQL source option `numPartitions` needs `splitBy` (a numeric column to split on)");
  const bit = o["tinyInt1isBit"];
  return Object.freeze({
    conn,
    relation,
    splitBy,
    numPartitions,
    fetchSize: positiveInt(o, "fetchSize", 1000),
    tinyInt1isBit: bit === undefined || bit === null ? true : bit === true || bit === "true",
  });
}

/** The MySQL kind of each schema field, stored by resolve in `options.mysqlTypes`. */
export function refKinds(ref: SourceRef): MysqlKind[] {
  const kinds = ref.options["mysqlTypes"];
  if (!Array.isArray(kinds) || kinds.length !== ref.schema.fields.length || !kinds.every(isMysqlKind)) {
    throw new Error(`MySQL source ${ref.description}: options.mysqlTypes is missing or does not match the schema; build the reference with mysqlSource.resolve`);
  }
  return kinds as MysqlKind[];
}

/** A label for messages and explain: the table or the (shortened) query. */
export function relationLabel(r: MysqlSourceOptions["relation"]): string {
  if ("table" in r) return r.table;
  const q = r.query.replace(/\s+/g, " ").trim();
  return `(${q.length > 60 ? q.slice(0, 57) + "..." : q})`;
}
