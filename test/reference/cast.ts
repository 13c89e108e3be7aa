// Spark's non-ANSI CAST, value by value.
import type { DataType, Value } from "@lgde/core";
import { formatPattern, fromWallClock, wallClock } from "./time.js";

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Two's-complement wrap to 32 bits, as Java int arithmetic does. */
export function wrap32(n: number): number {
  if (Number.isSafeInteger(n)) return Number(BigInt.asIntN(32, BigInt(n)));
  return n | 0;
}

/** Java's Double.toString, which Spark uses to cast a double to a string. */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mant, exp] = x.toExponential().split("e") as [string, string];
  const m = mant.includes(".") ? mant : `${mant}.0`;
  return `${m}E${Number(exp)}`;
}

function parseIntegral(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Math.trunc(Number(t));
}

/** Casts one value from type `from` to type `to`, in the session zone. */
export function castValue(v: Value, from: DataType, to: DataType, timeZone: string): Value {
  if (v === null) return null;
  if (from === to) return v;
  switch (to) {
    case "null": return null;
    case "int32":
    case "int64": {
      let n: number | null;
      if (typeof v === "boolean") n = v ? 1 : 0;
      else if (typeof v === "string") n = parseIntegral(v);
      else if (v instanceof Date) n = from === "date" ? null : Math.floor(v.getTime() / 1000);
      else if (from === "float64") {
        // Java (int)/(long) of a double: NaN → 0, saturating, truncating
        n = Number.isNaN(v) ? 0 : Math.trunc(v);
        if (to === "int32") n = Math.min(INT32_MAX, Math.max(INT32_MIN, n));
        if (Object.is(n, -0)) n = 0;
        return n;
      } else n = v;
      if (n === null) return null;
      if (to === "int32") {
        // Spark returns null for a string out of int range, wraps a long
        if (typeof v === "string" && (n < INT32_MIN || n > INT32_MAX)) return null;
        return wrap32(n);
      }
      return n;
    }
    case "float64":
      if (typeof v === "boolean") return v ? 1 : 0;
      if (typeof v === "string") {
        const t = v.trim();
        if (t === "" || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^[+-]?(NaN|Infinity)$/.test(t)) return null;
        return Number(t);
      }
      if (v instanceof Date) return from === "date" ? null : v.getTime() / 1000;
      return v;
    case "utf8":
      if (typeof v === "boolean") return v ? "true" : "false";
      if (typeof v === "number") return from === "float64" ? javaDoubleToString(v) : String(v);
      if (v instanceof Date) {
        if (from === "date") return formatPattern(wallClock(v.getTime(), "UTC"), "yyyy-MM-dd");
        const w = wallClock(v.getTime(), timeZone);
        return formatPattern(w, w.millis ? "yyyy-MM-dd HH:mm:ss.SSS" : "yyyy-MM-dd HH:mm:ss");
      }
      return v;
    case "bool":
      if (typeof v === "number") return v !== 0;
      if (typeof v === "string") {
        const t = v.trim().toLowerCase();
        if (["t", "true", "y", "yes", "1"].includes(t)) return true;
        if (["f", "false", "n", "no", "0"].includes(t)) return false;
        return null;
      }
      return null;
    case "timestamp":
      if (typeof v === "number") return new Date(v * 1000);
      if (v instanceof Date) {
        // a date is midnight in the session zone
        const w = wallClock(v.getTime(), "UTC");
        return new Date(fromWallClockMidnight(w.year, w.month, w.day, timeZone));
      }
      throw new Error(`reference: cast ${from} → timestamp not implemented`);
    case "date":
      if (v instanceof Date) {
        const w = wallClock(v.getTime(), timeZone);
        return new Date(Date.UTC(w.year, w.month - 1, w.day));
      }
      if (typeof v === "string") {
        const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
        return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      }
      return null;
  }
}

function fromWallClockMidnight(year: number, month: number, day: number, timeZone: string): number {
  return fromWallClock({ year, month, day, hour: 0, minute: 0, second: 0, millis: 0 }, timeZone);
}
