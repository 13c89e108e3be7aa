// Rows for the reference evaluator: arrays of JS values by position, plus Arrow ↔ rows and value ordering.
import * as arrow from "apache-arrow";
import type { DataType, Schema, Value } from "@lgde/core";

/** A row by position (a join may produce duplicate names, so rows are arrays, not objects). */
export type Row = readonly Value[];

/** A relation: a schema and its rows, in order. */
export interface Table {
  readonly schema: Schema;
  readonly rows: readonly Row[];
}

/** An int64 outside ±2^53, which the reference (computing with doubles) cannot represent exactly. */
export class Int64RangeError extends Error {}

/** Converts one Arrow value to the JS value the contract prescribes for `type`. */
export function fromArrowValue(v: unknown, type: DataType, column: string): Value {
  if (v === null || v === undefined) return null;
  switch (type) {
    case "int32":
    case "float64":
      return Number(v);
    case "int64": {
      const n = typeof v === "bigint" ? v : BigInt(v as number);
      if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new Int64RangeError(`column "${column}": int64 ${n} beyond 2^53`);
      }
      return Number(n);
    }
    case "utf8": return String(v);
    case "bool": return Boolean(v);
    // arrow-js hands timestamps and dates back as epoch milliseconds
    case "timestamp":
    case "date":
      return v instanceof Date ? v : new Date(Number(v));
    case "null": return null;
  }
}

/** Rows of record batches, typed by `schema` (the batches' column order). */
export function batchesToRows(batches: Iterable<arrow.RecordBatch>, schema: Schema): Row[] {
  const rows: Row[] = [];
  for (const batch of batches) {
    if (batch.numCols !== schema.fields.length) {
      throw new Error(`batch has ${batch.numCols} columns, schema has ${schema.fields.length}`);
    }
    const cols = schema.fields.map((_, i) => batch.getChildAt(i)!);
    for (let r = 0; r < batch.numRows; r++) {
      rows.push(schema.fields.map((f, i) => fromArrowValue(cols[i]!.get(r), f.type, f.name)));
    }
  }
  return rows;
}

/** Code-point order (= UTF-8 byte order, as Spark compares strings), not UTF-16 order. */
export function compareStrings(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Orders two non-null values of the same logical type. NaN sorts above every number, as in Spark. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  throw new Error(`cannot compare ${String(a)} (${typeof a}) with ${String(b)} (${typeof b})`);
}

/** A canonical text of a value for hashing: -0 and 0 are one key, NaN one key, nulls one key. */
export function valueKey(v: Value): string {
  if (v === null) return "N";
  if (typeof v === "number") return Number.isNaN(v) ? "nNaN" : `n${v === 0 ? 0 : v}`;
  if (typeof v === "string") return `s${JSON.stringify(v)}`;
  if (typeof v === "boolean") return v ? "bT" : "bF";
  return `d${v.getTime()}`;
}

/** The canonical key of a row (or of some of its values). */
export function rowKey(values: readonly Value[]): string {
  return values.map(valueKey).join("|");
}

function toStorage(v: Value, type: DataType): unknown {
  if (v === null) return null;
  switch (type) {
    case "int64": return BigInt(v as number);
    case "timestamp": return (v as Date).getTime(); // arrow-js builders take epoch millis
    case "date": return v as Date;
    case "int32": case "float64": case "utf8": case "bool": case "null":
      return v;
  }
}

/** One record batch holding `rows` under `schema` (built with Arrow's own builders, independently of core). */
export function rowsToBatch(schema: Schema, rows: readonly Row[]): arrow.RecordBatch {
  const arrowSchema = new arrow.Schema(
    schema.fields.map((f) => new arrow.Field(f.name, arrowTypeOf(f.type), f.nullable)),
  );
  const children = schema.fields.map((f, i) => {
    const b = arrow.makeBuilder({ type: arrowTypeOf(f.type), nullValues: [null] });
    for (const r of rows) b.append(toStorage(r[i] ?? null, f.type) as never);
    return b.finish().flush();
  });
  const data = arrow.makeData({ type: new arrow.Struct(arrowSchema.fields), length: rows.length, nullCount: 0, children });
  return new arrow.RecordBatch(arrowSchema, data);
}

function arrowTypeOf(t: DataType): arrow.DataType {
  switch (t) {
    case "int32": return new arrow.Int32();
    case "int64": return new arrow.Int64();
    case "float64": return new arrow.Float64();
    case "utf8": return new arrow.Utf8();
    case "bool": return new arrow.Bool();
    case "timestamp": return new arrow.TimestampMicrosecond("UTC");
    case "date": return new arrow.DateDay();
    case "null": return new arrow.Null();
  }
}
