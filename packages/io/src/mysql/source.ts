// The MySQL/MariaDB source: schema from result metadata, Sqoop-style range partitions, streamed reads with pushdown.
import type * as arrow from "apache-arrow";
import type { Connection as CoreConnection } from "mysql2";
import {
  ExecutionError, isIntegral, isNumeric,
  type ExecutionContext, type Field, type JsonValue, type ScanPushdown, type SourcePartition, type SourceProvider, type SourceRef,
} from "@lgde/core";
import { describeConnection } from "./connection-options.js";
import { explainMysqlError, openConnection, withConnection } from "./connect.js";
import { BatchBuilder } from "./batch-builder.js";
import { parseSourceOptions, refKinds, relationLabel, type MysqlSourceOptions } from "./source-options.js";
import { buildSelectSql, pushedConditions, quoteIdent, relationSql, type ColumnKinds, type SplitRange, type SqlFragment } from "./sql.js";
import { splitFloatRange, splitIntegerRange } from "./split.js";
import { mapMysqlField, type MysqlFieldInfo, type MysqlKind } from "./types.js";

function kindsOf(ref: SourceRef): ColumnKinds {
  const kinds = refKinds(ref);
  return new Map(ref.schema.fields.map((f, i) => [f.name, kinds[i]!] as const));
}

/** Columns to read: the projection in source order, or all. */
function projectedFields(ref: SourceRef, pushdown: ScanPushdown): { fields: Field[]; kinds: MysqlKind[] } {
  const kinds = refKinds(ref);
  const wanted = pushdown.projection === null ? null : new Set(pushdown.projection);
  const fields: Field[] = [];
  const out: MysqlKind[] = [];
  ref.schema.fields.forEach((f, i) => {
    if (wanted === null || wanted.has(f.name)) {
      fields.push(f);
      out.push(kinds[i]!);
    }
  });
  if (wanted !== null && fields.length !== wanted.size) {
    const missing = [...wanted].filter((n) => !ref.schema.fields.some((f) => f.name === n));
    throw new ExecutionError(`MySQL source ${ref.description}: projected column(s) ${missing.join(", ")} do not exist; columns: ${ref.schema.fields.map((f) => f.name).join(", ")}`);
  }
  return { fields, kinds: out };
}

function parseRange(partition: SourcePartition): SplitRange {
  const d = partition.descriptor;
  if (d === null || typeof d !== "object" || Array.isArray(d)) throw new ExecutionError(`MySQL partition ${partition.id}: bad descriptor`);
  const o = d as { readonly [key: string]: JsonValue };
  const bound = (v: JsonValue | undefined): string | null => (typeof v === "string" ? v : null);
  return { lower: bound(o["lower"]), upper: bound(o["upper"]), nulls: o["nulls"] === true };
}

/**
 * The SELECT one partition runs (projected columns, translatable pushed filters, split range).
 * Exposed so that tests and `explain` can show it.
 */
export function partitionSql(ref: SourceRef, partition: SourcePartition, pushdown: ScanPushdown): SqlFragment {
  const o = parseSourceOptions(ref.options);
  const { fields } = projectedFields(ref, pushdown);
  return buildSelectSql({
    relation: o.relation,
    columns: fields.map((f) => f.name),
    filters: pushdown.filters,
    kinds: kindsOf(ref),
    split: o.splitBy === null ? null : { column: o.splitBy, range: parseRange(partition) },
  });
}

async function estimateRows(o: MysqlSourceOptions, c: import("./connect.js").MysqlConnection): Promise<number> {
  if (!("table" in o.relation)) return 0;
  const parts = o.relation.table.split(".");
  const [db, table] = parts.length === 2 ? [parts[0]!, parts[1]!] : [null, o.relation.table];
  const [rows] = await c.query({
    sql: "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?",
    values: [db, table],
    rowsAsArray: true,
  });
  const first = (rows as unknown[][])[0];
  return first === undefined ? 0 : Number(first[0] ?? 0);
}

/** Reads MySQL/MariaDB tables and queries (format "mysql"). See `packages/io/src/mysql/README.md`. */
export const mysqlSource: SourceProvider = Object.freeze({
  format: "mysql",

  async resolve(options: { readonly [key: string]: JsonValue }): Promise<SourceRef> {
    const o = parseSourceOptions(options);
    const label = relationLabel(o.relation);
    const where = `MySQL ${describeConnection(o.conn)} ${label}`;
    return withConnection(o.conn, { table: label, action: "resolving the schema of" }, async (c) => {
      const [, fieldInfo] = await c.query({ sql: `SELECT * FROM ${relationSql(o.relation)} LIMIT 0`, rowsAsArray: true });
      const mapped = (fieldInfo as unknown as MysqlFieldInfo[]).map((f) => mapMysqlField(f, where, o));
      const seen = new Set<string>();
      for (const { field } of mapped) {
        if (seen.has(field.name)) throw new ExecutionError(`${where}: column "${field.name}" appears twice; give the columns distinct aliases`);
        seen.add(field.name);
      }
      const fields = mapped.map((m) => m.field);
      if (o.splitBy !== null) {
        const f = fields.find((x) => x.name === o.splitBy);
        if (f === undefined) throw new ExecutionError(`${where}: splitBy column "${o.splitBy}" does not exist; columns: ${fields.map((x) => x.name).join(", ")}`);
        if (!isNumeric(f.type)) throw new ExecutionError(`${where}: splitBy column "${o.splitBy}" is ${f.type}; it must be numeric`);
      }
      const split = o.splitBy === null ? "" : ` split by ${o.splitBy} into ${o.numPartitions}`;
      return Object.freeze({
        format: "mysql",
        options: Object.freeze({ ...options, mysqlTypes: mapped.map((m) => m.kind) }),
        schema: Object.freeze({ fields: Object.freeze(fields) }),
        description: `mysql ${describeConnection(o.conn)} ${label}${split}`,
      });
    });
  },

  async partitions(ref: SourceRef, pushdown: ScanPushdown): Promise<readonly SourcePartition[]> {
    const o = parseSourceOptions(ref.options);
    const label = relationLabel(o.relation);
    return withConnection(o.conn, { table: label, action: "partitioning" }, async (c) => {
      const total = await estimateRows(o, c);
      let ranges: SplitRange[] = [{ lower: null, upper: null, nulls: true }];
      if (o.splitBy !== null && o.numPartitions > 1) {
        const field = ref.schema.fields.find((f) => f.name === o.splitBy)!;
        const { conditions, params } = pushedConditions(pushdown.filters, kindsOf(ref));
        const col = quoteIdent(o.splitBy);
        const sql = `SELECT MIN(${col}), MAX(${col}) FROM ${relationSql(o.relation)}${conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`}`;
        const [rows] = await c.query({ sql, values: params, rowsAsArray: true });
        const [min, max] = (rows as unknown[][])[0] ?? [null, null];
        if (min !== null && min !== undefined && max !== null && max !== undefined) {
          ranges = isIntegral(field.type)
            ? splitIntegerRange(BigInt(String(min)), BigInt(String(max)), o.numPartitions)
            : splitFloatRange(Number(min), Number(max), o.numPartitions);
        }
      }
      return ranges.map((r, i) => Object.freeze({
        id: `${label}#${i}`,
        descriptor: Object.freeze({ lower: r.lower, upper: r.upper, nulls: r.nulls }),
        estimatedRows: Math.round(total / ranges.length),
      }));
    });
  },

  read(ref: SourceRef, partition: SourcePartition, pushdown: ScanPushdown, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch> {
    return readPartition(ref, partition, pushdown, ctx);
  },
});

async function* readPartition(ref: SourceRef, partition: SourcePartition, pushdown: ScanPushdown, ctx: ExecutionContext): AsyncGenerator<arrow.RecordBatch> {
  const o = parseSourceOptions(ref.options);
  const label = relationLabel(o.relation);
  const { fields, kinds } = projectedFields(ref, pushdown);
  const { sql, params } = partitionSql(ref, partition, pushdown);
  const task = `scan mysql ${label}${partition.id.endsWith("#0") && o.splitBy === null ? "" : ` partition ${partition.id}`}`;
  const batchSize = Math.max(1, ctx.batchSize);
  const builder = new BatchBuilder({ fields }, kinds, ctx.timeZone, batchSize);
  const c = await openConnection(o.conn, { table: label, action: "reading" });
  let completed = false;
  let rows = 0;
  try {
    // The streaming API pauses the socket when the stream's buffer (fetchSize rows) is full: the server
    // waits while the consumer works, so memory stays bounded by fetchSize rows plus one batch.
    const core = (c as unknown as { readonly connection: CoreConnection }).connection;
    const stream = core.query({ sql, values: [...params], rowsAsArray: true }).stream({ highWaterMark: o.fetchSize });
    for await (const row of stream as AsyncIterable<unknown[]>) {
      builder.push(row);
      if (builder.length >= batchSize) {
        ctx.signal?.throwIfAborted();
        rows += builder.length;
        yield builder.flush();
        ctx.onProgress?.({ task, rows });
      }
    }
    if (builder.length > 0) {
      rows += builder.length;
      yield builder.flush();
    }
    ctx.onProgress?.({ task, rows, done: true });
    completed = true;
  } catch (err) {
    throw explainMysqlError(err, { conn: o.conn, table: label, action: `reading (${sql})` });
  } finally {
    // A result set abandoned half-way cannot be skipped cheaply: drop the connection instead.
    if (completed) await c.end().catch(() => c.destroy());
    else c.destroy();
  }
}
