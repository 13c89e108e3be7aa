// Conversion between Arrow record batches and executor chunks. Numeric buffers are shared;
// bitmaps are unpacked to byte masks only when the column has nulls.
import * as arrow from "apache-arrow";
import { fromArrowType, type DataType, type Schema } from "@lgde/core";
import { ColumnBuilder } from "./builder.js";
import { allNull, encodeUtf8, type Chunk, type Vec } from "./vector.js";

function unpackBits(bitmap: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const b = offset + i;
    out[i] = (bitmap[b >> 3]! >> (b & 7)) & 1;
  }
  return out;
}

function packBits(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(((length + 63) & ~63) >> 3);
  for (let i = 0; i < length; i++) if (bytes[i] !== 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

function validOf(data: arrow.Data): Uint8Array | null {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return null;
  return unpackBits(data.nullBitmap, data.offset, data.length);
}

/** Converts one Arrow column to a vector of the logical `type` (falling back to per-row conversion for unusual encodings). */
export function vecFromArrow(data: arrow.Data, type: DataType): Vec {
  const t = data.type as arrow.DataType;
  const n = data.length;
  if (type === "null") return { type: "null", length: n, valid: new Uint8Array(n) };
  if (arrow.DataType.isNull(t)) return { ...emptyOf(type, n) };
  const valid = validOf(data);
  switch (type) {
    case "int32":
      if (arrow.DataType.isInt(t) && t.bitWidth === 32 && t.isSigned) return { type, length: n, values: (data.values as Int32Array).subarray(0, n), valid };
      break;
    case "date":
      if (arrow.DataType.isDate(t) && t.unit === arrow.DateUnit.DAY) return { type, length: n, values: (data.values as Int32Array).subarray(0, n), valid };
      break;
    case "int64":
      if (arrow.DataType.isInt(t) && t.bitWidth === 64) return { type, length: n, values: new BigInt64Array((data.values as BigInt64Array).buffer, (data.values as BigInt64Array).byteOffset, n), valid };
      break;
    case "timestamp":
      if (arrow.DataType.isTimestamp(t) && t.unit === arrow.TimeUnit.MICROSECOND) return { type, length: n, values: (data.values as BigInt64Array).subarray(0, n), valid };
      break;
    case "float64":
      if (arrow.DataType.isFloat(t) && t.precision === arrow.Precision.DOUBLE) return { type, length: n, values: (data.values as Float64Array).subarray(0, n), valid };
      break;
    case "bool":
      if (arrow.DataType.isBool(t)) return { type, length: n, values: unpackBits(data.values as Uint8Array, data.offset, n), valid };
      break;
    case "utf8":
      if (arrow.DataType.isUtf8(t)) return { type, length: n, offsets: (data.valueOffsets as Int32Array).subarray(0, n + 1), bytes: data.values as Uint8Array, valid };
      break;
  }
  return slowFromArrow(data, type);
}

function emptyOf(type: DataType, n: number): Vec {
  const b = new ColumnBuilder(type, n);
  for (let i = 0; i < n; i++) b.appendNull();
  return b.finish();
}

/** Per-row conversion for dictionaries, narrow ints, other time units and large strings. */
function slowFromArrow(data: arrow.Data, type: DataType): Vec {
  const vec = arrow.makeVector(data);
  const t = data.type as arrow.DataType;
  const b = new ColumnBuilder(type, data.length);
  for (let i = 0; i < data.length; i++) {
    const x: unknown = vec.get(i);
    if (x === null || x === undefined) { b.appendNull(); continue; }
    switch (type) {
      case "timestamp": {
        let micros: bigint;
        if (arrow.DataType.isTimestamp(t)) {
          const raw = typeof x === "bigint" ? x : BigInt(Math.trunc(Number(x)));
          // arrow-js returns epoch milliseconds for timestamps of any unit as a number
          micros = typeof x === "number" ? raw * 1000n : raw * ({ 0: 1000000n, 1: 1000n, 2: 1n, 3: 1n }[t.unit] ?? 1n) / (t.unit === arrow.TimeUnit.NANOSECOND ? 1000n : 1n);
        } else if (x instanceof Date) micros = BigInt(x.getTime()) * 1000n;
        else micros = BigInt(Math.trunc(Number(x))) * 1000n;
        b.appendValue(micros);
        break;
      }
      case "date":
        b.appendValue(x instanceof Date ? Math.floor(x.getTime() / 86400000) : Math.floor(Number(x) / (arrow.DataType.isDate(t) && t.unit === arrow.DateUnit.MILLISECOND ? 86400000 : 1)));
        break;
      case "int64": b.appendValue(typeof x === "bigint" ? BigInt.asIntN(64, x) : BigInt(Math.trunc(Number(x)))); break;
      case "int32": case "float64": b.appendValue(Number(x)); break;
      case "bool": b.appendValue(Boolean(x)); break;
      case "utf8": b.appendValue(String(x)); break;
      case "null": b.appendNull(); break;
    }
  }
  return b.finish();
}

/** Converts a record batch to a chunk typed by `schema` (columns by position). */
export function chunkFromBatch(batch: arrow.RecordBatch, schema: Schema): Chunk {
  const children = batch.data.children;
  if (children.length !== schema.fields.length) {
    throw new Error(`record batch has ${children.length} columns but the plan expects ${schema.fields.length} (${schema.fields.map((f) => f.name).join(", ")})`);
  }
  return { columns: schema.fields.map((f, i) => vecFromArrow(children[i]!, f.type)), length: batch.numRows };
}

/** Converts a vector to Arrow data of exactly `type`. */
export function vecToArrow(v: Vec, type: arrow.DataType): arrow.Data {
  const length = v.length;
  let nullBitmap: Uint8Array | undefined;
  let nullCount = 0;
  if (v.valid !== null) {
    for (let i = 0; i < length; i++) nullCount += v.valid[i] === 0 ? 1 : 0;
    if (nullCount > 0) nullBitmap = packBits(v.valid, length);
  }
  switch (v.type) {
    case "null": return arrow.makeData({ type: new arrow.Null(), length });
    case "utf8": {
      let offsets = v.offsets, bytes = v.bytes;
      const base = offsets[0]!;
      if (base !== 0) {
        bytes = bytes.subarray(base, offsets[length]!);
        offsets = new Int32Array(length + 1);
        for (let i = 0; i <= length; i++) offsets[i] = v.offsets[i]! - base;
      }
      return arrow.makeData({ type: type as arrow.Utf8, length, nullCount, nullBitmap, valueOffsets: offsets, data: bytes });
    }
    case "bool": return arrow.makeData({ type: type as arrow.Bool, length, nullCount, nullBitmap, data: packBits(v.values, length) });
    case "int32": case "date": case "float64": case "int64": case "timestamp":
      return arrow.makeData({ type: type as arrow.Int32, length, nullCount, nullBitmap, data: v.values as unknown as Int32Array });
  }
}

/** Builds a record batch with exactly `schema` from a chunk whose vectors have the schema's types. */
export function chunkToBatch(chunk: Chunk, schema: arrow.Schema): arrow.RecordBatch {
  const children = chunk.columns.map((v, i) => {
    const f = schema.fields[i]!;
    if (v.type === "null" && !arrow.DataType.isNull(f.type)) {
      return vecToArrow(allNull(fromArrowType(f.type, f.name), v.length), f.type);
    }
    return vecToArrow(v, f.type);
  });
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length: chunk.length, nullCount: 0, children });
  return new arrow.RecordBatch(schema, data);
}

/** A vector from JS values of a logical type (tests and literals): numbers, bigints, strings, booleans, Dates. */
export function vecFromValues(type: DataType, values: readonly unknown[]): Vec {
  const b = new ColumnBuilder(type, values.length);
  for (const x of values) {
    if (x === null || x === undefined) b.appendNull();
    else if (x instanceof Date) b.appendValue(type === "date" ? Math.floor(x.getTime() / 86400000) : BigInt(x.getTime()) * 1000n);
    else b.appendValue(x as number | bigint | string | boolean);
  }
  return b.finish();
}

export { encodeUtf8 };
