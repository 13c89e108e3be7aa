// Arrow record batches -> JavaScript rows (CONTRACTS "Values in rows"), column-wise over typed arrays.
import * as arrow from "apache-arrow";
import type { Value } from "../types/data-type.js";

const MS_PER_DAY = 86_400_000;
const decoder = new TextDecoder();

/** Reads cell `i` of one column (`null` when invalid). */
type Reader = (i: number) => Value;

function int64ToNumber(v: bigint, column: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(
      `column "${column}": the int64 value ${v} is beyond 2^53 and cannot be a JavaScript number; read it exactly with toArrow()`,
    );
  }
  return n;
}

function timestampToMs(v: bigint | number, unit: arrow.TimeUnit): number {
  const n = typeof v === "bigint" ? Number(v) : v;
  switch (unit) {
    case arrow.TimeUnit.SECOND: return n * 1000;
    case arrow.TimeUnit.MILLISECOND: return n;
    case arrow.TimeUnit.MICROSECOND: return Math.floor(n / 1000);
    case arrow.TimeUnit.NANOSECOND: return Math.floor(n / 1_000_000);
  }
}

/** Decodes a utf8 slice; short ASCII strings skip TextDecoder (much faster for typical keys). */
function utf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 24) {
    let s = "";
    for (let k = start; k < end; k++) {
      const b = bytes[k]!;
      if (b >= 128) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}

/** Normalizes a value from arrow's generic accessor into the row value policy. */
function normalize(v: unknown, type: arrow.DataType, column: string): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") {
    return arrow.DataType.isTimestamp(type) ? new Date(timestampToMs(v, type.unit)) : int64ToNumber(v, column);
  }
  if (arrow.DataType.isTimestamp(type) && typeof v === "number") return new Date(v);
  if (arrow.DataType.isDate(type)) return v instanceof Date ? v : new Date(Number(v));
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  return String(v);
}

/** A reader for one column's Data, using its typed arrays directly where the type allows. */
export function columnReader(data: arrow.Data, column: string): Reader {
  // Arrow's slice() narrows value and offset buffers but not validity or boolean bits, which go by `offset`.
  const type = data.type as arrow.DataType;
  const off = data.offset;
  const validity = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
  const valid = (i: number): boolean => validity === null || ((validity[(off + i) >> 3]! >> ((off + i) & 7)) & 1) === 1;
  let read: Reader;
  if (arrow.DataType.isNull(type)) return () => null;
  if (arrow.DataType.isInt(type) && type.bitWidth === 64) {
    const values = data.values as BigInt64Array | BigUint64Array;
    read = (i) => int64ToNumber(values[i]!, column);
  } else if ((arrow.DataType.isInt(type) || arrow.DataType.isFloat(type)) && !(arrow.DataType.isFloat(type) && type.precision === arrow.Precision.HALF)) {
    const values = data.values as Int32Array | Float64Array;
    read = (i) => values[i]!;
  } else if (arrow.DataType.isUtf8(type)) {
    const offsets = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    read = (i) => utf8(bytes, offsets[i]!, offsets[i + 1]!);
  } else if (arrow.DataType.isBool(type)) {
    const bits = data.values as Uint8Array;
    read = (i) => ((bits[(off + i) >> 3]! >> ((off + i) & 7)) & 1) === 1;
  } else if (arrow.DataType.isTimestamp(type)) {
    const values = data.values as BigInt64Array;
    const unit = type.unit;
    read = (i) => new Date(timestampToMs(values[i]!, unit));
  } else if (arrow.DataType.isDate(type) && type.unit === arrow.DateUnit.DAY) {
    const values = data.values as Int32Array;
    read = (i) => new Date(values[i]! * MS_PER_DAY);
  } else {
    // Rare layouts (dictionaries, date64, half floats): the generic accessor, then our value policy.
    const vector = arrow.makeVector(data);
    return (i) => normalize(vector.get(i), type, column);
  }
  return validity === null ? read : (i) => (valid(i) ? read(i) : null);
}

/**
 * Converts record batches to row objects keyed by column name. int64 values beyond 2^53 are an
 * error naming the column; duplicate column names (e.g. after a join on a condition) are an error,
 * since one of the values would be lost.
 */
export function batchesToRows<Row = Record<string, Value>>(batches: Iterable<arrow.RecordBatch>): Row[] {
  const rows: Row[] = [];
  for (const batch of batches) {
    const names = batch.schema.fields.map((f) => f.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) {
      throw new Error(
        `the result has two columns named "${dup}" (${names.join(", ")}); rename one (withColumnRenamed or select with as) before collecting`,
      );
    }
    const readers = batch.data.children.map((d, c) => columnReader(d, names[c]!));
    const n = batch.numRows;
    const start = rows.length;
    for (let i = 0; i < n; i++) rows.push({} as Row);
    // Column-major fill: one reader (one monomorphic closure) per pass over the rows.
    for (let c = 0; c < readers.length; c++) {
      const read = readers[c]!;
      const name = names[c]!;
      for (let i = 0; i < n; i++) (rows[start + i] as Record<string, Value>)[name] = read(i);
    }
  }
  return rows;
}
