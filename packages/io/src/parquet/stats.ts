// Decodes raw Parquet min/max statistics into comparable values in our logical units.
import * as arrow from "apache-arrow";
import type { ColumnRange, Comparable } from "../pushdown/may-match.js";
import { PHYSICAL, type RowGroupInfo } from "./footer.js";

const MICROS_PER: Record<arrow.TimeUnit, [bigint, bigint]> = {
  [arrow.TimeUnit.SECOND]: [1_000_000n, 1n],
  [arrow.TimeUnit.MILLISECOND]: [1000n, 1n],
  [arrow.TimeUnit.MICROSECOND]: [1n, 1n],
  [arrow.TimeUnit.NANOSECOND]: [1n, 1000n],
};

function isStringType(t: arrow.DataType): boolean {
  if (arrow.DataType.isDictionary(t)) return isStringType(t.dictionary);
  return arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t);
}

/** A statistics value decoded for a column of Arrow type `t`, or undefined when we cannot trust it. */
function decode(bytes: Uint8Array, physical: number, t: arrow.DataType): Comparable | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (physical) {
    case PHYSICAL.BOOLEAN: return b.length >= 1 ? b[0] !== 0 : undefined;
    case PHYSICAL.INT32:
      if (b.length < 4) return undefined;
      if (arrow.DataType.isInt(t)) return t.isSigned ? b.readInt32LE(0) : b.readUInt32LE(0);
      if (arrow.DataType.isDate(t) && t.unit === arrow.DateUnit.DAY) return b.readInt32LE(0);
      return undefined;
    case PHYSICAL.INT64:
      if (b.length < 8) return undefined;
      if (arrow.DataType.isInt(t)) return t.isSigned ? b.readBigInt64LE(0) : b.readBigUInt64LE(0);
      if (arrow.DataType.isTimestamp(t)) {
        const [mul, div] = MICROS_PER[t.unit];
        const raw = b.readBigInt64LE(0);
        // Round outward so that the range still contains every value after unit conversion.
        return (raw * mul) / div;
      }
      return undefined;
    case PHYSICAL.FLOAT: return b.length >= 4 && arrow.DataType.isFloat(t) ? b.readFloatLE(0) : undefined;
    case PHYSICAL.DOUBLE: return b.length >= 8 && arrow.DataType.isFloat(t) ? b.readDoubleLE(0) : undefined;
    case PHYSICAL.BYTE_ARRAY: return isStringType(t) ? new TextDecoder().decode(bytes) : undefined;
    default: return undefined;
  }
}

/** The value ranges of a row group's columns, keyed by column name, given the file's Arrow schema. */
export function rowGroupRanges(rg: RowGroupInfo, fileSchema: arrow.Schema): Map<string, ColumnRange> {
  const out = new Map<string, ColumnRange>();
  for (const c of rg.columns) {
    const f = fileSchema.fields.find((x) => x.name === c.column);
    if (f === undefined) continue;
    let min: Comparable | undefined, max: Comparable | undefined;
    if (c.min !== undefined && c.max !== undefined) {
      min = decode(c.min, c.physicalType, f.type);
      max = decode(c.max, c.physicalType, f.type);
      if (typeof max === "bigint" && arrow.DataType.isTimestamp(f.type) && f.type.unit === arrow.TimeUnit.NANOSECOND) max += 1n;
    }
    out.set(c.column, {
      rows: rg.rows,
      ...(min !== undefined && max !== undefined ? { min, max } : {}),
      ...(c.nullCount !== undefined ? { nullCount: c.nullCount } : {}),
    });
  }
  return out;
}
