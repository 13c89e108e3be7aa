// Values rendered as Spark renders them in show(): Java-style doubles, timestamps in the session zone.
import * as arrow from "apache-arrow";
import { dateText, toWallExact, wallTimestampText } from "../time/convert.js";
import { zoneOf } from "../time/zone.js";

const MS_PER_DAY = 86_400_000;

/** Java's `Double.toString`: `1.0`, `0.001`, `1.0E7`, `1.234E-5`, `NaN`, `Infinity`. */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (!Number.isFinite(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const a = Math.abs(d);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(d);
    // String() switches to exponent form only outside [1e-6, 1e21), so within this range it is plain.
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mantissa, exponent] = d.toExponential().split("e") as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent.replace("+", "")}`;
}

/** `yyyy-MM-dd` of days since the epoch. */
export function formatDate(days: number): string {
  return dateText(days);
}

/**
 * Spark's timestamp text in a zone: `yyyy-MM-dd HH:mm:ss`, followed by the fraction of a second
 * without trailing zeros when it is not zero (`2020-10-25 09:00:00.123`).
 */
export function formatTimestamp(micros: bigint, zone: string): string {
  return wallTimestampText(toWallExact(micros, zoneOf(zone)));
}

/** Spark escapes these in show() so that a cell stays on one line. */
export function escapeMeta(s: string): string {
  return s.replace(/[\n\r\t\f\b\v\u0007]/g, (c) =>
    ({ "\n": "\\n", "\r": "\\r", "\t": "\\t", "\f": "\\f", "\b": "\\b", "\v": "\\v", "\u0007": "\\a" })[c] ?? c);
}

/** Renders every cell of one column of a batch as show() prints it (`null` for nulls). */
export function columnStrings(data: arrow.Data, zone: string): string[] {
  const vector = arrow.makeVector(data);
  const type = data.type as arrow.DataType;
  const out: string[] = new Array<string>(data.length);
  for (let i = 0; i < data.length; i++) {
    const v: unknown = vector.get(i);
    if (v === null || v === undefined) {
      out[i] = "null";
    } else if (arrow.DataType.isTimestamp(type)) {
      const raw = (data.values as BigInt64Array)[i]!;
      const scale: Record<number, bigint> = { 0: 1_000_000n, 1: 1000n, 2: 1n, 3: 1n };
      const micros = type.unit === arrow.TimeUnit.NANOSECOND ? raw / 1000n : raw * scale[type.unit]!;
      out[i] = formatTimestamp(micros, zone);
    } else if (arrow.DataType.isDate(type)) {
      out[i] = type.unit === arrow.DateUnit.DAY
        ? formatDate((data.values as Int32Array)[i]!)
        : formatDate(Math.floor(Number(v instanceof Date ? v.getTime() : v) / MS_PER_DAY));
    } else if (arrow.DataType.isFloat(type)) {
      out[i] = formatDouble(v as number);
    } else {
      out[i] = escapeMeta(String(v));
    }
  }
  return out;
}
