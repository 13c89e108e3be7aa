// Spark's non-ANSI CAST: unparsable strings become null, doubles truncate (saturating) to
// integers, integers narrow by wrapping, timestamps print in the session zone.
import { dateText, fromWall, MICROS_PER_DAY, parseDateText, parseTimestampText, timestampText, toLocalDays, type DataType } from "@lgde/core";
import { ColumnBuilder } from "../kernels/builder.js";
import { allNull, strAt, strVecFrom, type StrVec, type Vec } from "../kernels/vector.js";
import type { EvalContext } from "./context.js";

const INT32_MIN = -2147483648, INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;

/** Java's Double.toString: `1.0`, `0.5`, `1.0E20`, `1.0E-5`, `NaN`, `Infinity`. */
export function doubleText(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(x);
    return s.includes(".") ? s : s + ".0";
  }
  const [m, e] = x.toExponential().split("e") as [string, string];
  return `${m.includes(".") ? m : m + ".0"}E${e.startsWith("+") ? e.slice(1) : e}`;
}

/** Spark's string → integral: trimmed, optional sign, digits, an optional ignored fraction; out of range → null. */
export function parseIntegral(s: string): bigint | null {
  const m = /^\s*([+-]?\d+)(?:\.\d*)?\s*$/.exec(s);
  if (!m) return null;
  return BigInt(m[1]!);
}

const DOUBLE_RE = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Infinity|NaN|Inf)\s*[dDfF]?\s*$/;

export function parseDouble(s: string): number | null {
  if (!DOUBLE_RE.test(s)) return null;
  const t = s.trim().replace(/[dDfF]$/, "").replace(/^([+-]?)Inf$/, "$1Infinity");
  const v = Number(t);
  return Number.isNaN(v) && !/NaN/.test(t) ? null : v;
}

function truncSaturate(x: number, min: number, max: number): number {
  if (Number.isNaN(x)) return 0;
  const t = Math.trunc(x);
  return t < min ? min : t > max ? max : t;
}

type Scalar = number | bigint | string | boolean | null;

/** Row i of v as a JS scalar (numbers for int32/float64/date, bigint for int64/timestamp). */
function scalarAt(v: Vec, i: number): Scalar {
  if (v.type === "null" || (v.valid !== null && v.valid[i] === 0)) return null;
  switch (v.type) {
    case "utf8": return strAt(v, i);
    case "bool": return v.values[i] === 1;
    case "int32": case "date": case "float64": return v.values[i]!;
    case "int64": case "timestamp": return v.values[i]!;
  }
}

/** Converts one scalar; null means "null result". */
function castScalar(x: Scalar, from: DataType, to: DataType, ctx: EvalContext): Scalar {
  if (x === null) return null;
  switch (to) {
    case "utf8":
      switch (from) {
        case "float64": return doubleText(x as number);
        case "timestamp": return timestampText(Number(x), ctx.zone);
        case "date": return dateText(x as number);
        default: return String(x);
      }
    case "bool":
      if (typeof x === "string") {
        const t = x.trim().toLowerCase();
        if (t === "t" || t === "true" || t === "y" || t === "yes" || t === "1") return true;
        if (t === "f" || t === "false" || t === "n" || t === "no" || t === "0") return false;
        return null;
      }
      if (from === "date" || from === "timestamp") return null;
      return typeof x === "bigint" ? x !== 0n : typeof x === "boolean" ? x : x !== 0;
    case "int32": {
      if (typeof x === "string") { const b = parseIntegral(x); return b === null || b < INT32_MIN || b > INT32_MAX ? null : Number(b); }
      if (typeof x === "boolean") return x ? 1 : 0;
      if (from === "date") return null;
      if (from === "timestamp") return Number(BigInt.asIntN(32, floorDivBig(x as bigint, 1_000_000n)));
      if (typeof x === "bigint") return Number(BigInt.asIntN(32, x));
      return from === "float64" ? truncSaturate(x, INT32_MIN, INT32_MAX) : x;
    }
    case "int64": {
      if (typeof x === "string") { const b = parseIntegral(x); return b === null || b < INT64_MIN || b > INT64_MAX ? null : b; }
      if (typeof x === "boolean") return x ? 1n : 0n;
      if (from === "date") return null;
      if (from === "timestamp") return floorDivBig(x as bigint, 1_000_000n);
      if (typeof x === "bigint") return x;
      if (from === "float64") {
        if (Number.isNaN(x)) return 0n;
        if (x >= 9.223372036854776e18) return INT64_MAX;
        if (x <= -9.223372036854776e18) return INT64_MIN;
        return BigInt(Math.trunc(x));
      }
      return BigInt(x);
    }
    case "float64": {
      if (typeof x === "string") return parseDouble(x);
      if (typeof x === "boolean") return x ? 1 : 0;
      if (from === "date") return null;
      if (from === "timestamp") return Number(x) / 1e6;
      return Number(x);
    }
    case "timestamp": {
      if (typeof x === "string") {
        const w = parseTimestampText(x);
        if (!w) return null;
        if (w.offsetMillis !== null) return BigInt((w.days * 86_400_000 - w.offsetMillis) * 1000 + w.microsOfDay);
        return BigInt(fromWall(w.days, w.microsOfDay, ctx.zone));
      }
      if (from === "date") return BigInt(fromWall(x as number, 0, ctx.zone));
      if (typeof x === "boolean") return null;
      if (typeof x === "bigint") return from === "timestamp" ? x : x * 1_000_000n;
      if (!Number.isFinite(x)) return null;
      return BigInt(Math.trunc(x * 1e6));
    }
    case "date": {
      if (typeof x === "string") return parseDateText(x);
      if (from === "timestamp") return toLocalDays(Number(x), ctx.zone);
      if (from === "date") return x;
      return null;
    }
    case "null": return null;
  }
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** Casts a vector to `to` (Spark non-ANSI semantics). */
export function castVec(v: Vec, to: DataType, ctx: EvalContext): Vec {
  if (v.type === to) return v;
  const n = v.length;
  if (v.type === "null") return allNull(to, n);
  const valid = v.valid;
  // Fast paths for the common widenings.
  if (v.type === "int32" && to === "int64") {
    const out = new BigInt64Array(n), a = v.values;
    for (let i = 0; i < n; i++) out[i] = BigInt(a[i]!);
    return { type: "int64", length: n, values: out, valid };
  }
  if ((v.type === "int32" || v.type === "int64") && to === "float64") {
    const out = new Float64Array(n), a = v.values;
    for (let i = 0; i < n; i++) out[i] = Number(a[i]!);
    return { type: "float64", length: n, values: out, valid };
  }
  if (v.type === "date" && to === "timestamp" && ctx.zone.name.toUpperCase() === "UTC") {
    const out = new BigInt64Array(n), a = v.values;
    for (let i = 0; i < n; i++) out[i] = BigInt(a[i]!) * BigInt(MICROS_PER_DAY);
    return { type: "timestamp", length: n, values: out, valid };
  }
  if (v.type === "timestamp" && to === "date") {
    const out = new Int32Array(n), a = v.values;
    for (let i = 0; i < n; i++) out[i] = toLocalDays(Number(a[i]!), ctx.zone);
    return { type: "date", length: n, values: out, valid };
  }
  if (to === "utf8") {
    const out: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = castScalar(scalarAt(v, i), v.type, "utf8", ctx) as string | null;
    return strVecFrom(out);
  }
  const b = new ColumnBuilder(to, n);
  for (let i = 0; i < n; i++) {
    const r = castScalar(scalarAt(v, i), v.type, to, ctx);
    if (r === null) b.appendNull(); else b.appendValue(r);
  }
  return b.finish();
}

/** A string vector cast (exported for functions that accept strings as timestamps). */
export function castStrings(v: StrVec, to: DataType, ctx: EvalContext): Vec {
  return castVec(v, to, ctx);
}
