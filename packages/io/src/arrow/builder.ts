// Builds Arrow record batches column by column from plain cells, without per-value Arrow builders.
import * as arrow from "apache-arrow";
import { toArrowSchema, toArrowType, type DataType, type Schema } from "@lgde/core";

/**
 * A cell as io holds it between parsing and Arrow: int32/float64 → number, int64 → bigint,
 * utf8 → string, bool → boolean, timestamp → bigint microseconds (UTC), date → number days, null → null.
 */
export type Cell = number | bigint | string | boolean | null;

const encoder = new TextEncoder();

/** Accumulates one column's cells. */
export class ColumnBuilder {
  private values: Cell[] = [];
  constructor(readonly type: DataType) {}

  append(v: Cell): void { this.values.push(v); }
  get length(): number { return this.values.length; }

  /** The column as Arrow data; resets the builder. */
  finish(): arrow.Data {
    const values = this.values;
    this.values = [];
    return makeColumn(this.type, values);
  }
}

function validity(values: readonly Cell[]): { bitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  for (const v of values) if (v === null) nullCount++;
  if (nullCount === 0) return { bitmap: undefined, nullCount };
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => { if (v !== null) bitmap[i >> 3]! |= 1 << (i & 7); });
  return { bitmap, nullCount };
}

/** Arrow data of `type` from cells (see {@link Cell}). */
export function makeColumn(type: DataType, values: readonly Cell[]): arrow.Data {
  const length = values.length;
  const { bitmap, nullCount } = validity(values);
  const arrowType = toArrowTypeCached(type);
  switch (type) {
    case "int32": case "date": {
      const data = new Int32Array(length);
      values.forEach((v, i) => { if (v !== null) data[i] = Number(v); });
      return arrow.makeData({ type: arrowType as arrow.Int32, length, nullCount, nullBitmap: bitmap, data });
    }
    case "int64": case "timestamp": {
      const data = new BigInt64Array(length);
      values.forEach((v, i) => { if (v !== null) data[i] = typeof v === "bigint" ? v : BigInt(v as number); });
      return arrow.makeData({ type: arrowType as arrow.Int64, length, nullCount, nullBitmap: bitmap, data });
    }
    case "float64": {
      const data = new Float64Array(length);
      values.forEach((v, i) => { if (v !== null) data[i] = Number(v); });
      return arrow.makeData({ type: arrowType as arrow.Float64, length, nullCount, nullBitmap: bitmap, data });
    }
    case "bool": {
      const data = new Uint8Array((length + 7) >> 3);
      values.forEach((v, i) => { if (v === true) data[i >> 3]! |= 1 << (i & 7); });
      return arrow.makeData({ type: arrowType as arrow.Bool, length, nullCount, nullBitmap: bitmap, data });
    }
    case "utf8": {
      const { data, valueOffsets } = utf8Column(values);
      return arrow.makeData({ type: arrowType as arrow.Utf8, length, nullCount, nullBitmap: bitmap, data, valueOffsets });
    }
    case "null":
      return arrow.makeData({ type: arrowType as arrow.Null, length, nullCount: length });
  }
}

/**
 * The UTF-8 bytes and offsets of a string column, written into one buffer: ASCII characters byte by
 * byte, the rest of a string from its first other character by `encodeInto`. Encoding each string into
 * an array of its own (and copying it) cost more than parsing the JSON line it came from.
 */
function utf8Column(values: readonly Cell[]): { data: Uint8Array; valueOffsets: Int32Array } {
  const n = values.length;
  const valueOffsets = new Int32Array(n + 1);
  let chars = 0;
  for (let i = 0; i < n; i++) { const v = values[i]; if (v !== null && v !== undefined) chars += String(v).length; }
  let buf = new Uint8Array(Math.max(16, chars));
  let at = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      const s = String(v);
      if (buf.length - at < 3 * s.length) {
        const grown = new Uint8Array(Math.max(2 * buf.length, at + 3 * s.length));
        grown.set(buf.subarray(0, at));
        buf = grown;
      }
      let k = 0;
      for (; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c >= 0x80) break;
        buf[at++] = c;
      }
      if (k < s.length) at += encoder.encodeInto(k === 0 ? s : s.slice(k), buf.subarray(at)).written;
    }
    valueOffsets[i + 1] = at;
  }
  // A buffer grown for non-ASCII text is trimmed, so that the column does not hold up to 3x its bytes.
  return { data: buf.length > at + (at >> 3) ? buf.slice(0, at) : buf.subarray(0, at), valueOffsets };
}

const typeCache = new Map<DataType, arrow.DataType>();
function toArrowTypeCached(t: DataType): arrow.DataType {
  let a = typeCache.get(t);
  if (a === undefined) {
    const made = toArrowType(t);
    typeCache.set(t, made);
    return made;
  }
  return a;
}

/** A record batch of `schema` from one Arrow data per field. */
export function makeBatch(s: Schema, columns: readonly arrow.Data[], length: number): arrow.RecordBatch {
  const arrowSchema = toArrowSchema(s);
  const struct = arrow.makeData({
    type: new arrow.Struct(arrowSchema.fields), length, nullCount: 0, children: [...columns],
  });
  return new arrow.RecordBatch(arrowSchema, struct);
}

/** Builds batches of `schema` row by row, emitting one every `batchSize` rows. */
export class BatchBuilder {
  private readonly columns: ColumnBuilder[];
  private rows = 0;
  constructor(readonly schema: Schema) {
    this.columns = schema.fields.map((f) => new ColumnBuilder(f.type));
  }
  get length(): number { return this.rows; }
  /** Appends one row; `row[i]` is the cell of field i. */
  appendRow(row: readonly Cell[]): void {
    for (let i = 0; i < this.columns.length; i++) this.columns[i]!.append(row[i] ?? null);
    this.rows++;
  }
  finish(): arrow.RecordBatch {
    const n = this.rows;
    this.rows = 0;
    return makeBatch(this.schema, this.columns.map((c) => c.finish()), n);
  }
}
