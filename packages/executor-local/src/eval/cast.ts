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

/** Spark's string → integral: trimmed, optional sign, digits, an optional ignored fraction (any magnitude: casts check the range). */
export function parseIntegral(s: string): bigint | null {
  if (!toScratch(s)) return parseIntegralRegex(s);
  const k = scanIntegral(scratch, 0, s.length);
  return k === S_NUM ? BigInt(scanNum) : k === S_BIG ? scanBig : null;
}

/** Spark's string → double: trimmed, Java-style literals with an optional d/f suffix, Infinity and NaN. */
export function parseDouble(s: string): number | null {
  if (!toScratch(s)) return parseDoubleRegex(s);
  return scanDouble(scratch, 0, s.length) === S_NUM ? scanNum : null;
}

// The rules as regular expressions (`\s` is JavaScript's whitespace, `\d` is ASCII). The scanners below
// implement them with char-code loops over ASCII bytes and defer to these for any non-ASCII input: the only
// non-ASCII characters they accept are Unicode spaces around the number.

function parseIntegralRegex(s: string): bigint | null {
  const m = /^\s*([+-]?\d+)(?:\.\d*)?\s*$/.exec(s);
  if (!m) return null;
  return BigInt(m[1]!);
}

const DOUBLE_RE = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Infinity|NaN|Inf)\s*[dDfF]?\s*$/;

function parseDoubleRegex(s: string): number | null {
  if (!DOUBLE_RE.test(s)) return null;
  // The suffix is stripped before `Inf` is spelled out, so a bare "Inf" loses its "f" and gives null.
  const t = s.trim().replace(/[dDfF]$/, "").replace(/^([+-]?)Inf$/, "$1Infinity");
  const v = Number(t);
  return Number.isNaN(v) && !/NaN/.test(t) ? null : v;
}

// Scanner results, with the value in `scanNum` (S_NUM) or `scanBig` (S_BIG): module state, so that a
// scan allocates nothing. S_NON_ASCII: the bytes hold a non-ASCII character where the scan stopped, so
// the caller decodes the string and uses the regular expression.
const S_NULL = 0, S_NUM = 1, S_BIG = 2, S_NON_ASCII = 3;
let scanNum = 0;
let scanBig = 0n;

/** JavaScript's ASCII whitespace (`\s` below U+0080): tab, LF, VT, FF, CR, space. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return ((c - 48) >>> 0) <= 9;
}

/** The result of a scan that cannot go on at byte i: null, unless that byte starts a non-ASCII character. */
function stop(b: Uint8Array, i: number, e: number): number {
  return i < e && b[i]! >= 0x80 ? S_NON_ASCII : S_NULL;
}

/**
 * Scans bytes[s, e) as `\s*[+-]?\d+(\.\d*)?\s*`. Up to 15 significant digits the value is exact as a
 * number (S_NUM, never -0); longer digit strings give a bigint (S_BIG).
 */
function scanIntegral(b: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e && isSpace(b[i]!)) i++;
  let neg = false;
  if (i < e) {
    const c = b[i]!;
    if (c === 45) { neg = true; i++; } else if (c === 43) i++;
  }
  const ds = i;
  while (i < e && b[i] === 48) i++;
  const sig = i;
  let acc = 0;
  while (i < e) {
    const d = b[i]! - 48;
    if ((d >>> 0) > 9) break;
    acc = acc * 10 + d;
    i++;
  }
  if (i === ds) return stop(b, i, e);
  const de = i;
  if (i < e && b[i] === 46) {
    i++;
    while (i < e && isDigit(b[i]!)) i++;
  }
  while (i < e && isSpace(b[i]!)) i++;
  if (i !== e) return stop(b, i, e);
  if (de - sig <= 15) {
    scanNum = neg ? 0 - acc : acc;
    return S_NUM;
  }
  let t = "";
  for (let j = sig; j < de; j++) t += String.fromCharCode(b[j]!);
  scanBig = neg ? -BigInt(t) : BigInt(t);
  return S_BIG;
}

/** Exact powers of ten (10^22 is the largest a double holds exactly). */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** A d/D/f/F suffix. */
function isSuffix(c: number): boolean {
  c |= 0x20;
  return c === 100 || c === 102;
}

/** Where skipping `\s*[dDfF]?\s*` from i stops (e when the rest is that). */
function skipSuffix(b: Uint8Array, i: number, e: number): number {
  while (i < e && isSpace(b[i]!)) i++;
  if (i < e && isSuffix(b[i]!)) i++;
  while (i < e && isSpace(b[i]!)) i++;
  return i;
}

function matches(b: Uint8Array, i: number, e: number, word: string): boolean {
  if (e - i < word.length) return false;
  for (let j = 0; j < word.length; j++) if (b[i + j] !== word.charCodeAt(j)) return false;
  return true;
}

/**
 * Scans bytes[s, e) as a double (see DOUBLE_RE and parseDoubleRegex) into `scanNum`. Mantissas of up to
 * 15 significant digits scaled by at most 10^22 are exact in one multiplication or division (correctly
 * rounded, as Number() is); anything else goes through Number().
 */
function scanDouble(b: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e && isSpace(b[i]!)) i++;
  const start = i;
  let neg = false;
  if (i < e) {
    const c = b[i]!;
    if (c === 45) { neg = true; i++; } else if (c === 43) i++;
  }
  if (i < e && (b[i] === 73 || b[i] === 78)) {
    // Infinity, NaN, or Inf (which keeps its value only with a suffix right after it).
    let v: number;
    if (matches(b, i, e, "Infinity")) { i += 8; v = neg ? -Infinity : Infinity; }
    else if (matches(b, i, e, "NaN")) { i += 3; v = NaN; }
    else if (matches(b, i, e, "Inf")) {
      i += 3;
      const j = skipSuffix(b, i, e);
      if (j !== e) return stop(b, j, e);
      if (!(i < e && isSuffix(b[i]!))) return S_NULL;
      scanNum = neg ? -Infinity : Infinity;
      return S_NUM;
    } else return stop(b, i, e);
    const j = skipSuffix(b, i, e);
    if (j !== e) return stop(b, j, e);
    scanNum = v;
    return S_NUM;
  }
  let mant = 0, sigDigits = 0, digits = 0, frac = 0;
  while (i < e) {
    const d = b[i]! - 48;
    if ((d >>> 0) > 9) break;
    if (sigDigits > 0 || d !== 0) { mant = mant * 10 + d; sigDigits++; }
    digits++;
    i++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e) {
      const d = b[i]! - 48;
      if ((d >>> 0) > 9) break;
      if (sigDigits > 0 || d !== 0) { mant = mant * 10 + d; sigDigits++; }
      digits++;
      frac++;
      i++;
    }
  }
  if (digits === 0) return stop(b, i, e);
  let exp = 0;
  if (i < e && (b[i]! | 0x20) === 101) {
    i++;
    let expNeg = false;
    if (i < e) {
      const c = b[i]!;
      if (c === 45) { expNeg = true; i++; } else if (c === 43) i++;
    }
    const es = i;
    while (i < e) {
      const d = b[i]! - 48;
      if ((d >>> 0) > 9) break;
      if (exp < 100_000) exp = exp * 10 + d;
      i++;
    }
    if (i === es) return S_NULL;
    if (expNeg) exp = -exp;
  }
  const end = i;
  const j = skipSuffix(b, i, e);
  if (j !== e) return stop(b, j, e);
  const scale = exp - frac;
  let v: number;
  if (mant === 0) v = 0;
  else if (sigDigits <= 15 && scale >= -22 && scale <= 22) v = scale >= 0 ? mant * POW10[scale]! : mant / POW10[-scale]!;
  else {
    let t = "";
    for (let j = start; j < end; j++) t += String.fromCharCode(b[j]!);
    scanNum = Number(t);
    return S_NUM;
  }
  scanNum = neg ? -v : v;
  return S_NUM;
}

// Scalars are scanned from a reused byte buffer.
let scratch = new Uint8Array(64);

/** Copies an all-ASCII string into `scratch`; false when it has other characters. */
function toScratch(s: string): boolean {
  const n = s.length;
  if (n > scratch.length) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return false;
    scratch[i] = c;
  }
  return true;
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
      if (typeof x === "string") return stringToInt32(x);
      if (typeof x === "boolean") return x ? 1 : 0;
      if (from === "date") return null;
      if (from === "timestamp") return Number(BigInt.asIntN(32, floorDivBig(x as bigint, 1_000_000n)));
      if (typeof x === "bigint") return Number(BigInt.asIntN(32, x));
      return from === "float64" ? truncSaturate(x, INT32_MIN, INT32_MAX) : x;
    }
    case "int64": {
      if (typeof x === "string") return stringToInt64(x);
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

function stringToInt32(s: string): number | null {
  if (toScratch(s)) return scanIntegral(scratch, 0, s.length) === S_NUM && scanNum >= INT32_MIN && scanNum <= INT32_MAX ? scanNum : null;
  const b = parseIntegralRegex(s);
  return b === null || b < INT32_MIN || b > INT32_MAX ? null : Number(b);
}

function stringToInt64(s: string): bigint | null {
  const b = parseIntegral(s);
  return b === null || b < INT64_MIN || b > INT64_MAX ? null : b;
}

// String vectors are cast by scanning their UTF-8 bytes in place: no string, match or bigint per row.
// (An int64 of at most 15 digits is written as two 32-bit words of the BigInt64Array.)

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function stringsToInt32(v: StrVec): Vec {
  const n = v.length, offsets = v.offsets, bytes = v.bytes, inValid = v.valid;
  const out = new Int32Array(n);
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (inValid === null || inValid[i] !== 0) {
      const k = scanIntegral(bytes, offsets[i]!, offsets[i + 1]!);
      // S_BIG has more than 15 digits: out of range.
      if (k === S_NUM) {
        if (scanNum >= INT32_MIN && scanNum <= INT32_MAX) { out[i] = scanNum; continue; }
      } else if (k === S_NON_ASCII) {
        const r = stringToInt32(strAt(v, i));
        if (r !== null) { out[i] = r; continue; }
      }
    }
    (valid ??= new Uint8Array(n).fill(1))[i] = 0;
  }
  return { type: "int32", length: n, values: out, valid };
}

function stringsToInt64(v: StrVec): Vec {
  const n = v.length, offsets = v.offsets, bytes = v.bytes, inValid = v.valid;
  const out = new BigInt64Array(n);
  const words = LITTLE_ENDIAN ? new Uint32Array(out.buffer, out.byteOffset, 2 * n) : null;
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (inValid === null || inValid[i] !== 0) {
      const k = scanIntegral(bytes, offsets[i]!, offsets[i + 1]!);
      if (k === S_NUM) {
        const x = scanNum;
        if (words !== null) {
          const hi = Math.floor(x / 4294967296);
          words[2 * i] = x - hi * 4294967296;
          words[2 * i + 1] = hi;
        } else {
          out[i] = BigInt(x);
        }
        continue;
      }
      const b = k === S_BIG ? scanBig : k === S_NON_ASCII ? parseIntegralRegex(strAt(v, i)) : null;
      if (b !== null && b >= INT64_MIN && b <= INT64_MAX) { out[i] = b; continue; }
    }
    (valid ??= new Uint8Array(n).fill(1))[i] = 0;
  }
  return { type: "int64", length: n, values: out, valid };
}

function stringsToFloat64(v: StrVec): Vec {
  const n = v.length, offsets = v.offsets, bytes = v.bytes, inValid = v.valid;
  const out = new Float64Array(n);
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (inValid === null || inValid[i] !== 0) {
      const k = scanDouble(bytes, offsets[i]!, offsets[i + 1]!);
      if (k === S_NUM) { out[i] = scanNum; continue; }
      if (k === S_NON_ASCII) {
        const r = parseDoubleRegex(strAt(v, i));
        if (r !== null) { out[i] = r; continue; }
      }
    }
    (valid ??= new Uint8Array(n).fill(1))[i] = 0;
  }
  return { type: "float64", length: n, values: out, valid };
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
  if (v.type === "utf8") {
    if (to === "int32") return stringsToInt32(v);
    if (to === "int64") return stringsToInt64(v);
    if (to === "float64") return stringsToFloat64(v);
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
