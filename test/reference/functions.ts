// Scalar functions by Spark's names, value by value.
import type { DataType, ScalarFunctionName, Value } from "@lgde/core";
import { castValue } from "./cast.js";
import { formatPattern, fromWallClock, parsePattern, wallClock } from "./time.js";

const DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

function utcDateOrZoned(v: Date, type: DataType, timeZone: string) {
  return wallClock(v.getTime(), type === "date" ? "UTC" : timeZone);
}

/** Spark's round: HALF_UP on the decimal text of the value. */
function roundHalfUp(x: number, scale: number): number {
  const f = 10 ** scale;
  const r = Math.round(Math.abs(x) * f) / f;
  return x < 0 ? -r : r;
}

/** Calls a scalar function on already-evaluated arguments. */
export function callFunction(
  fn: ScalarFunctionName, args: readonly Value[], argTypes: readonly DataType[], resultType: DataType, timeZone: string,
): Value {
  const a0 = args[0] ?? null;
  switch (fn) {
    case "coalesce": {
      const v = args.find((x) => x !== null) ?? null;
      return v;
    }
    case "concat":
      if (args.some((x) => x === null)) return null;
      return args.map((x, i) => String(castValue(x, argTypes[i]!, "utf8", timeZone))).join("");
    case "lower": return a0 === null ? null : String(a0).toLowerCase();
    case "upper": return a0 === null ? null : String(a0).toUpperCase();
    case "trim": return a0 === null ? null : String(a0).replace(/^ +| +$/g, "");
    case "length": return a0 === null ? null : [...String(a0)].length;
    case "substring": {
      if (args.some((x) => x === null)) return null;
      const chars = [...String(a0)];
      const pos = Number(args[1]);
      const len = args.length > 2 ? Number(args[2]) : Number.MAX_SAFE_INTEGER;
      // Spark: 1-based; 0 behaves like 1; negative counts from the end
      let start = pos > 0 ? pos - 1 : pos < 0 ? chars.length + pos : 0;
      let end = len < 0 ? start : start + len;
      start = Math.max(0, start);
      end = Math.max(start, Math.min(chars.length, end));
      return chars.slice(start, end).join("");
    }
    case "abs": {
      if (a0 === null) return null;
      const n = Math.abs(Number(a0));
      return resultType === "int32" ? n | 0 : n;
    }
    case "round": {
      if (a0 === null) return null;
      const scale = args.length > 1 ? Number(args[1]) : 0;
      if (resultType !== "float64" && scale >= 0) return a0;
      return roundHalfUp(Number(a0), scale);
    }
    case "from_unixtime": {
      if (a0 === null || args[1] === null) return null;
      const pattern = args.length > 1 ? String(args[1]) : DEFAULT_PATTERN;
      return formatPattern(wallClock(Math.floor(Number(a0)) * 1000, timeZone), pattern);
    }
    case "date_format": {
      if (a0 === null || args[1] === null) return null;
      const d = a0 instanceof Date ? a0 : castValue(a0, argTypes[0]!, "timestamp", timeZone);
      if (!(d instanceof Date)) return null;
      return formatPattern(utcDateOrZoned(d, argTypes[0]!, timeZone), String(args[1]));
    }
    case "unix_timestamp":
    case "to_timestamp": {
      if (a0 === null) return null;
      let millis: number;
      if (a0 instanceof Date) millis = a0.getTime();
      else {
        const w = parsePattern(String(a0), args.length > 1 && args[1] !== null ? String(args[1]) : DEFAULT_PATTERN);
        if (!w) return null;
        millis = fromWallClock(w, timeZone);
      }
      return fn === "unix_timestamp" ? Math.floor(millis / 1000) : new Date(millis);
    }
    case "to_date": {
      if (a0 === null) return null;
      if (a0 instanceof Date) return castValue(a0, argTypes[0]!, "date", timeZone);
      const w = parsePattern(String(a0), args.length > 1 && args[1] !== null ? String(args[1]) : "yyyy-MM-dd");
      return w ? new Date(Date.UTC(w.year, w.month - 1, w.day)) : null;
    }
    case "year": case "month": case "dayofmonth": case "hour": {
      if (a0 === null) return null;
      const d = a0 instanceof Date ? a0 : castValue(a0, argTypes[0]!, "timestamp", timeZone);
      if (!(d instanceof Date)) return null;
      const w = utcDateOrZoned(d, argTypes[0]!, timeZone);
      return fn === "year" ? w.year : fn === "month" ? w.month : fn === "dayofmonth" ? w.day : w.hour;
    }
  }
}
