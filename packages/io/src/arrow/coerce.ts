// Converts Arrow columns written by other engines (other int widths, ms/ns timestamps, dictionaries,
// large strings) into exactly the Arrow types of our logical types.
import * as arrow from "apache-arrow";
import { toArrowType, type DataType } from "@lgde/core";
import { makeColumn, type Cell } from "./builder.js";

function sameType(a: arrow.DataType, t: DataType): boolean {
  const b = toArrowType(t);
  if (a.typeId !== b.typeId) return false;
  if (arrow.DataType.isInt(a)) return a.bitWidth === (b as arrow.Int).bitWidth && a.isSigned;
  if (arrow.DataType.isFloat(a)) return a.precision === (b as arrow.Float).precision;
  if (arrow.DataType.isTimestamp(a)) return a.unit === arrow.TimeUnit.MICROSECOND && a.timezone === "UTC";
  if (arrow.DataType.isDate(a)) return a.unit === arrow.DateUnit.DAY;
  return true;
}

const PER_UNIT_TO_MICROS: Record<arrow.TimeUnit, [bigint, bigint]> = {
  [arrow.TimeUnit.SECOND]: [1_000_000n, 1n],
  [arrow.TimeUnit.MILLISECOND]: [1000n, 1n],
  [arrow.TimeUnit.MICROSECOND]: [1n, 1n],
  [arrow.TimeUnit.NANOSECOND]: [1n, 1000n],
};

/** One data chunk converted to `target`; `column` names it in errors. */
function coerceData(data: arrow.Data, target: DataType, column: string): arrow.Data {
  const type = data.type as arrow.DataType;
  if (sameType(type, target)) return data;
  const n = data.length;
  const vector = arrow.makeVector(data);
  const cells: Cell[] = new Array<Cell>(n);
  if (arrow.DataType.isTimestamp(type) && target === "timestamp") {
    if (type.unit === arrow.TimeUnit.MICROSECOND) {
      // Same buffers, only the zone label differs (naive or "+00:00" timestamps are instants in UTC).
      return arrow.makeData({ type: toArrowType("timestamp") as arrow.TimestampMicrosecond, length: n, nullCount: data.nullCount,
        nullBitmap: data.nullBitmap, data: data.values as BigInt64Array, offset: data.offset });
    }
    const [mul, div] = PER_UNIT_TO_MICROS[type.unit];
    const raw = data.values as BigInt64Array;
    for (let i = 0; i < n; i++) cells[i] = data.getValid(i) ? (raw[i]! * mul) / div : null;
    return makeColumn(target, cells);
  }
  if (arrow.DataType.isDate(type) && target === "date") {
    for (let i = 0; i < n; i++) {
      const v = vector.get(i) as Date | number | null;
      cells[i] = v === null ? null : Math.floor((v instanceof Date ? v.getTime() : Number(v)) / 86400000);
    }
    return makeColumn(target, cells);
  }
  for (let i = 0; i < n; i++) {
    const v = vector.get(i) as unknown;
    cells[i] = toCell(v, target, column);
  }
  return makeColumn(target, cells);
}

function toCell(v: unknown, target: DataType, column: string): Cell {
  if (v === null || v === undefined) return null;
  switch (target) {
    case "int32": case "float64": return Number(v);
    case "int64": return typeof v === "bigint" ? v : BigInt(Math.trunc(Number(v)));
    case "utf8": return typeof v === "string" ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
    case "bool": return Boolean(v);
    case "timestamp": return BigInt(v instanceof Date ? v.getTime() : Number(v)) * 1000n;
    case "date": return Math.floor((v instanceof Date ? v.getTime() : Number(v)) / 86400000);
    case "null": return null;
  }
  throw new TypeError(`column "${column}": cannot convert ${String(v)}`);
}

/** The vector's chunks converted to `target`. */
export function coerceVector(vector: arrow.Vector, target: DataType, column: string): arrow.Data[] {
  return vector.data.map((d) => coerceData(d as arrow.Data, target, column));
}
