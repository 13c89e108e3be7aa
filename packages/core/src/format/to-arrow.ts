// JavaScript rows -> Arrow record batches for a Schema, column by column into typed arrays.
import * as arrow from "apache-arrow";
import { toArrowSchema, toArrowType, type DataType, type Field, type Schema } from "../types/data-type.js";

const MS_PER_DAY = 86_400_000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** A row given to `createDataFrame`: an object keyed by column name, or an array by position. */
export type InputRow = Readonly<Record<string, unknown>> | readonly unknown[];

function describe(v: unknown): string {
  if (v instanceof Date) return `Date ${Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString()}`;
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)}`;
  if (typeof v === "bigint") return `bigint ${v}n`;
  if (typeof v === "object") return `object ${Array.isArray(v) ? "array" : String(v)}`;
  return `${typeof v} ${String(v)}`;
}

function badValue(f: Field, row: number, v: unknown, expected: string): TypeError {
  return new TypeError(`column "${f.name}" (${f.type}), row ${row}: cannot store ${describe(v)}; expected ${expected}`);
}

/** "yyyy-MM-dd" (optionally followed by a time, ignored) to days since 1970-01-01. */
function parseDays(s: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(s.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? null : Math.floor(ms / MS_PER_DAY);
}

/** Converts one value of one column to its Arrow storage value (number/bigint/boolean/string). */
type Storer = (v: unknown, row: number) => number | bigint | boolean | string;

function storer(f: Field): Storer {
  const t: DataType = f.type;
  switch (t) {
    case "int32":
      return (v, row) => {
        const n = typeof v === "bigint" ? Number(v) : v;
        if (typeof n === "number" && Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX) return n;
        throw badValue(f, row, v, "an integer between -2^31 and 2^31-1");
      };
    case "int64":
      return (v, row) => {
        if (typeof v === "bigint") return v;
        if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
        throw badValue(f, row, v, "an integral number or a bigint");
      };
    case "float64":
      return (v, row) => {
        if (typeof v === "number") return v;
        if (typeof v === "bigint") return Number(v);
        throw badValue(f, row, v, "a number");
      };
    case "utf8":
      return (v, row) => {
        if (typeof v === "string") return v;
        throw badValue(f, row, v, "a string");
      };
    case "bool":
      return (v, row) => {
        if (typeof v === "boolean") return v;
        throw badValue(f, row, v, "a boolean");
      };
    case "timestamp":
      return (v, row) => {
        const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : NaN;
        if (Number.isFinite(ms)) return BigInt(Math.round(ms * 1000));
        throw badValue(f, row, v, "a Date or epoch milliseconds");
      };
    case "date":
      return (v, row) => {
        const days = v instanceof Date ? (Number.isNaN(v.getTime()) ? null : Math.floor(v.getTime() / MS_PER_DAY))
          : typeof v === "string" ? parseDays(v) : null;
        if (days !== null) return days;
        throw badValue(f, row, v, 'a Date or a "yyyy-MM-dd" string');
      };
    case "null":
      return (v, row) => {
        throw badValue(f, row, v, "null (the column's type is void)");
      };
  }
}

function bitmap(length: number): Uint8Array {
  return new Uint8Array((length + 7) >> 3);
}

const encoder = new TextEncoder();

/** Builds one column's Arrow Data from already-extracted cell values (undefined/null = null). */
export function columnData(f: Field, cells: readonly unknown[], firstRow = 0): arrow.Data {
  const n = cells.length;
  const type = toArrowType(f.type);
  if (f.type === "null") {
    for (let i = 0; i < n; i++) {
      if (cells[i] != null) storer(f)(cells[i], firstRow + i);
    }
    return arrow.makeData({ type: type as arrow.Null, length: n });
  }
  const store = storer(f);
  const validity = bitmap(n);
  let nulls = 0;
  const isNull = (i: number): boolean => {
    const v = cells[i];
    if (v === null || v === undefined) {
      if (!f.nullable) throw new TypeError(`column "${f.name}" is not nullable, but row ${firstRow + i} is null`);
      nulls++;
      return true;
    }
    validity[i >> 3]! |= 1 << (i & 7);
    return false;
  };
  const nullBitmap = (): Uint8Array | undefined => (nulls === 0 ? undefined : validity);
  switch (f.type) {
    case "int32":
    case "float64":
    case "date": {
      const values = f.type === "float64" ? new Float64Array(n) : new Int32Array(n);
      for (let i = 0; i < n; i++) if (!isNull(i)) values[i] = store(cells[i], firstRow + i) as number;
      return arrow.makeData({ type: type as arrow.Int32, length: n, nullCount: nulls, nullBitmap: nullBitmap(), data: values as Int32Array });
    }
    case "int64":
    case "timestamp": {
      const values = new BigInt64Array(n);
      for (let i = 0; i < n; i++) if (!isNull(i)) values[i] = store(cells[i], firstRow + i) as bigint;
      return arrow.makeData({ type: type as arrow.Int64, length: n, nullCount: nulls, nullBitmap: nullBitmap(), data: values });
    }
    case "bool": {
      const values = bitmap(n);
      for (let i = 0; i < n; i++) if (!isNull(i) && store(cells[i], firstRow + i)) values[i >> 3]! |= 1 << (i & 7);
      return arrow.makeData({ type: type as arrow.Bool, length: n, nullCount: nulls, nullBitmap: nullBitmap(), data: values });
    }
    case "utf8": {
      const offsets = new Int32Array(n + 1);
      const parts: Uint8Array[] = [];
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        if (!isNull(i)) {
          const encoded = encoder.encode(store(cells[i], firstRow + i) as string);
          parts.push(encoded);
          bytes += encoded.length;
        }
        offsets[i + 1] = bytes;
      }
      const data = new Uint8Array(bytes);
      let at = 0;
      for (const p of parts) {
        data.set(p, at);
        at += p.length;
      }
      return arrow.makeData({ type: type as arrow.Utf8, length: n, nullCount: nulls, nullBitmap: nullBitmap(), valueOffsets: offsets, data });
    }
  }
}

/** Assembles column Data into a record batch of the schema. */
export function batchOf(s: Schema, columns: readonly arrow.Data[], length: number): arrow.RecordBatch {
  const arrowSchema = toArrowSchema(s);
  const struct = arrow.makeData({ type: new arrow.Struct(arrowSchema.fields), length, children: [...columns] });
  return new arrow.RecordBatch(arrowSchema, struct);
}

/**
 * Converts rows to record batches of `s`, at most `batchSize` rows each. Object rows are read by
 * field name, array rows by position. Errors name the column and the row; a key or position
 * that is not in the schema is an error too (data is never dropped silently).
 */
export function rowsToBatches(rows: readonly InputRow[], s: Schema, batchSize = 32768): arrow.RecordBatch[] {
  const names = new Set(s.fields.map((f) => f.name));
  rows.forEach((row, r) => {
    if (Array.isArray(row)) {
      if (row.length !== s.fields.length) {
        throw new TypeError(`row ${r} has ${row.length} values but the schema has ${s.fields.length} columns (${[...names].join(", ")})`);
      }
    } else if (row === null || typeof row !== "object") {
      throw new TypeError(`row ${r} is ${describe(row)}, not an object or an array`);
    } else {
      for (const key in row) {
        if (!names.has(key)) {
          throw new TypeError(`row ${r} has column "${key}" that is not in the schema (${[...names].join(", ")})`);
        }
      }
    }
  });
  const batches: arrow.RecordBatch[] = [];
  const size = Math.max(1, batchSize);
  for (let start = 0; start < rows.length || (start === 0 && batches.length === 0); start += size) {
    const chunk = rows.slice(start, start + size);
    const columns = s.fields.map((f, c) => {
      const cells = chunk.map((row) => (Array.isArray(row) ? row[c] : (row as Record<string, unknown>)[f.name]));
      return columnData(f, cells, start);
    });
    batches.push(batchOf(s, columns, chunk.length));
    if (rows.length === 0) break;
  }
  return batches;
}
