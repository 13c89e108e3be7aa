// Accumulates rows from mysql2 (arrays of driver values) into Arrow record batches of a fixed schema.
import * as arrow from "apache-arrow";
import { ExecutionError, toArrowSchema, type DataType, type Field, type Schema } from "@lgde/core";
import type { MysqlKind } from "./types.js";
import { dateToDays, wallClockToMicros } from "./time.js";

const INT64_MAX = 9223372036854775807n;

/** One column's typed storage for up to `capacity` rows. */
class ColumnAccumulator {
  private readonly validity: Uint8Array;
  private nullCount = 0;
  private readonly ints: Int32Array | null;
  private readonly bigs: BigInt64Array | null;
  private readonly floats: Float64Array | null;
  private readonly bits: Uint8Array | null;
  private readonly strings: (string | null)[] | null;

  constructor(readonly type: DataType, readonly capacity: number) {
    this.validity = new Uint8Array((capacity + 7) >> 3);
    this.ints = type === "int32" || type === "date" ? new Int32Array(capacity) : null;
    this.bigs = type === "int64" || type === "timestamp" ? new BigInt64Array(capacity) : null;
    this.floats = type === "float64" ? new Float64Array(capacity) : null;
    this.bits = type === "bool" ? new Uint8Array((capacity + 7) >> 3) : null;
    this.strings = type === "utf8" ? [] : null;
  }

  setNull(i: number): void {
    this.nullCount++;
    if (this.strings !== null) this.strings.push(null);
  }

  set(i: number, v: number | bigint | boolean | string): void {
    this.validity[i >> 3] |= 1 << (i & 7);
    if (this.ints !== null) this.ints[i] = v as number;
    else if (this.bigs !== null) this.bigs[i] = v as bigint;
    else if (this.floats !== null) this.floats[i] = v as number;
    else if (this.bits !== null) { if (v === true) this.bits[i >> 3] |= 1 << (i & 7); }
    else if (this.strings !== null) this.strings.push(v as string);
  }

  finish(length: number): arrow.Data {
    if (this.type === "null") return arrow.makeData({ type: new arrow.Null(), length, nullCount: length });
    const nullBitmap = this.nullCount === 0 ? undefined : this.validity.slice(0, (length + 7) >> 3);
    const common = { length, nullCount: this.nullCount, nullBitmap };
    if (this.strings !== null) {
      let bytes = 0;
      for (const s of this.strings) if (s !== null) bytes += Buffer.byteLength(s, "utf8");
      const data = Buffer.allocUnsafe(bytes);
      const valueOffsets = new Int32Array(length + 1);
      let at = 0;
      for (let i = 0; i < length; i++) {
        const s = this.strings[i];
        if (s !== null && s !== undefined) at += data.write(s, at, "utf8");
        valueOffsets[i + 1] = at;
      }
      return arrow.makeData({ type: new arrow.Utf8(), ...common, valueOffsets, data: new Uint8Array(data.buffer, data.byteOffset, bytes) });
    }
    if (this.bits !== null) return arrow.makeData({ type: new arrow.Bool(), ...common, data: this.bits.slice(0, (length + 7) >> 3) });
    if (this.floats !== null) return arrow.makeData({ type: new arrow.Float64(), ...common, data: this.floats.slice(0, length) });
    if (this.bigs !== null) {
      const data = this.bigs.slice(0, length);
      return this.type === "timestamp"
        ? arrow.makeData({ type: new arrow.TimestampMicrosecond("UTC"), ...common, data })
        : arrow.makeData({ type: new arrow.Int64(), ...common, data });
    }
    const ints = this.ints!.slice(0, length);
    return this.type === "date"
      ? arrow.makeData({ type: new arrow.DateDay(), ...common, data: ints })
      : arrow.makeData({ type: new arrow.Int32(), ...common, data: ints });
  }
}

/** How the value of one MySQL kind becomes the engine's value; null means "store null". */
type Convert = (v: unknown, column: string, zone: string) => number | bigint | boolean | string | null;

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const str = (v: unknown): string =>
  typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString("utf8") : typeof v === "object" ? JSON.stringify(v) : String(v);

const CONVERTERS: Readonly<Record<MysqlKind, Convert>> = {
  "int": (v) => num(v),
  "year": (v) => num(v),
  "int-unsigned": (v) => BigInt(num(v)),
  "bigint": (v) => BigInt(str(v)),
  "bigint-unsigned": (v, column) => {
    const b = BigInt(str(v));
    if (b > INT64_MAX) throw new ExecutionError(`column "${column}": BIGINT UNSIGNED value ${b} does not fit in a 64-bit signed integer`);
    return b;
  },
  "float": (v) => num(v),
  "double": (v) => num(v),
  "decimal": (v) => num(v),
  "string": (v) => str(v),
  "json": (v) => str(v),
  "time": (v) => str(v),
  "bool": (v) => num(v) !== 0,
  "bit": (v) => (Buffer.isBuffer(v) ? v.some((b) => b !== 0) : num(v) !== 0),
  "datetime": (v, _c, zone) => wallClockToMicros(str(v), zone),
  "timestamp": (v) => wallClockToMicros(str(v), "UTC"),
  "date": (v) => dateToDays(str(v)),
  "null": () => null,
};

/**
 * Builds record batches of `schema` from driver rows. DATETIME values are read as wall-clock times in
 * `timeZone`; TIMESTAMP values arrive in UTC (the connection's time zone).
 */
export class BatchBuilder {
  private columns: ColumnAccumulator[];
  private readonly converters: Convert[];
  private readonly arrowSchema: arrow.Schema;
  /** Rows held now. */
  length = 0;

  constructor(readonly schema: Schema, kinds: readonly MysqlKind[], readonly timeZone: string, readonly capacity: number) {
    this.arrowSchema = toArrowSchema(schema);
    this.converters = kinds.map((k) => CONVERTERS[k]);
    this.columns = this.fresh();
  }

  private fresh(): ColumnAccumulator[] {
    return this.schema.fields.map((f) => new ColumnAccumulator(f.type, this.capacity));
  }

  /** Adds one row (values in schema order). Throws naming the column on a value that does not fit. */
  push(row: readonly unknown[]): void {
    const i = this.length;
    for (let c = 0; c < this.columns.length; c++) {
      const raw = row[c];
      const col = this.columns[c]!;
      if (raw === null || raw === undefined) {
        col.setNull(i);
        continue;
      }
      const f = this.schema.fields[c]!;
      const v = this.converters[c]!(raw, f.name, this.timeZone);
      if (v === null) {
        if (!f.nullable) throw zeroDateError(f);
        col.setNull(i);
      } else {
        col.set(i, v);
      }
    }
    this.length++;
  }

  /** The rows held so far as one batch; the builder starts empty again. */
  flush(): arrow.RecordBatch {
    const length = this.length;
    const children = this.columns.map((c) => c.finish(length));
    this.columns = this.fresh();
    this.length = 0;
    const data = arrow.makeData({ type: new arrow.Struct(this.arrowSchema.fields), length, nullCount: 0, children });
    return new arrow.RecordBatch(this.arrowSchema, data);
  }
}

function zeroDateError(f: Field): Error {
  return new ExecutionError(
    `column "${f.name}" is NOT NULL but holds MySQL's zero date 0000-00-00, which is no valid ${f.type}; select it through a query with NULLIF`,
  );
}
