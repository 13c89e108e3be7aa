// Evaluates operators over literal operands at plan time, exactly as Spark (non-ANSI) would at run time.
// Every function answers `undefined` when it cannot be sure of Spark's answer; the caller then keeps
// the expression for the executor.
import type { ArithmeticOp, BinaryOp, ComparisonOp, Literal, LiteralValue } from "../expr/expr.js";
import { isNumeric, type DataType } from "../types/data-type.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A literal's numeric value, or undefined for int64 decimal strings beyond 2^53 and non-numbers. */
function asNumber(lit: Literal): number | undefined {
  if (typeof lit.value === "number") return Number.isNaN(lit.value) ? undefined : lit.value;
  if (typeof lit.value === "string" && lit.type === "int64") {
    const n = Number(lit.value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** An integral result fits its type (Spark would wrap around silently otherwise; we leave that to run time). */
function fitsInteger(n: number, type: DataType): boolean {
  if (!Number.isSafeInteger(n)) return false;
  return type !== "int32" || (n >= INT32_MIN && n <= INT32_MAX);
}

function numericResult(n: number, type: DataType): LiteralValue | undefined {
  if (type === "int32" || type === "int64") return fitsInteger(n, type) ? n : undefined;
  if (type === "float64") return Number.isNaN(n) ? undefined : n;
  return undefined;
}

function arithmetic(op: ArithmeticOp, l: Literal, r: Literal, type: DataType): LiteralValue | undefined {
  if (l.value === null || r.value === null) return null;
  const a = asNumber(l), b = asNumber(r);
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case "+": return numericResult(a + b, type);
    case "-": return numericResult(a - b, type);
    case "*": return numericResult(a * b, type);
    // Spark: x / 0 and x % 0 are null (non-ANSI); `/` is always a double.
    case "/": return b === 0 ? null : numericResult(a / b, type);
    // JavaScript's % keeps the dividend's sign, like Java's.
    case "%": return b === 0 ? null : numericResult(a % b, type);
  }
}

/** -1, 0 or 1, or undefined when the operands cannot be compared with certainty. */
function compare(l: Literal, r: Literal): number | undefined {
  // A date (days) against a timestamp (microseconds) needs a conversion; leave it to run time.
  if (l.type !== r.type && !(isNumeric(l.type) && isNumeric(r.type))) return undefined;
  const a = l.value, b = r.value;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "string" && typeof b === "string" && l.type === "utf8" && r.type === "utf8") {
    if (a === b) return 0;
    // UTF-16 order equals Spark's byte order only below the surrogate range.
    if (/[\ud800-\uffff]/.test(a + b)) return undefined;
    return a < b ? -1 : 1;
  }
  const x = asNumber(l), y = asNumber(r);
  if (x === undefined || y === undefined) return undefined;
  return x === y ? 0 : x < y ? -1 : 1;
}

function comparison(op: ComparisonOp, l: Literal, r: Literal): LiteralValue | undefined {
  if (op === "<=>") {
    if (l.value === null || r.value === null) return l.value === null && r.value === null;
    const c = compare(l, r);
    return c === undefined ? undefined : c === 0;
  }
  if (l.value === null || r.value === null) return null;
  const c = compare(l, r);
  if (c === undefined) return undefined;
  switch (op) {
    case "=": return c === 0;
    case "!=": return c !== 0;
    case "<": return c < 0;
    case "<=": return c <= 0;
    case ">": return c > 0;
    case ">=": return c >= 0;
  }
}

/** Three-valued AND / OR. */
export function logical(op: "and" | "or", a: LiteralValue, b: LiteralValue): LiteralValue | undefined {
  if ((a !== null && typeof a !== "boolean") || (b !== null && typeof b !== "boolean")) return undefined;
  if (op === "and") {
    if (a === false || b === false) return false;
    return a === null || b === null ? null : true;
  }
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

/** `l op r` for literal operands, with `type` the expression's result type. */
export function evalBinary(op: BinaryOp, l: Literal, r: Literal, type: DataType): LiteralValue | undefined {
  switch (op) {
    case "+": case "-": case "*": case "/": case "%":
      return arithmetic(op, l, r, type);
    case "=": case "!=": case "<": case "<=": case ">": case ">=": case "<=>":
      return comparison(op, l, r);
    case "and": case "or":
      return logical(op, l.value, r.value);
  }
}

export function evalNot(v: LiteralValue): LiteralValue | undefined {
  if (v === null) return null;
  return typeof v === "boolean" ? !v : undefined;
}

export function evalNegate(lit: Literal): LiteralValue | undefined {
  if (lit.value === null) return null;
  const n = asNumber(lit);
  return n === undefined ? undefined : numericResult(n === 0 ? 0 : -n, lit.type);
}

/** Spark's `x IN (list)`: null input → null; a match → true; else null if the list holds a null, else false. */
export function evalIn(input: Literal, list: readonly Literal[]): LiteralValue | undefined {
  if (input.value === null) return null;
  let sawNull = false;
  for (const item of list) {
    if (item.value === null) { sawNull = true; continue; }
    const c = compare(input, item);
    if (c === undefined) return undefined;
    if (c === 0) return true;
  }
  return sawNull ? null : false;
}

/**
 * `CAST(lit AS to)` for the conversions whose Spark result is certain: between integer types in
 * range, integers to double, doubles to integers (truncating, in range), booleans and numbers,
 * integers and booleans to strings, and strictly formatted numeric strings to numbers.
 * Date, timestamp and double-to-string casts depend on zone or formatting and are left to run time.
 */
export function evalCast(lit: Literal, to: DataType): LiteralValue | undefined {
  const v = lit.value;
  if (v === null) return null;
  if (lit.type === to) return v;
  const from = lit.type;
  const fromInt = from === "int32" || from === "int64";
  switch (to) {
    case "int32":
    case "int64": {
      if (fromInt || from === "float64") {
        const n = asNumber(lit);
        if (n === undefined || !Number.isFinite(n)) return undefined;
        const t = Math.trunc(n);
        return fitsInteger(t, to) ? (t === 0 ? 0 : t) : undefined;
      }
      if (from === "bool") return v === true ? 1 : 0;
      if (from === "utf8" && typeof v === "string" && /^[+-]?\d{1,15}$/.test(v)) {
        const n = Number(v);
        return fitsInteger(n, to) ? (n === 0 ? 0 : n) : undefined;
      }
      return undefined;
    }
    case "float64": {
      if (fromInt) return asNumber(lit);
      if (from === "bool") return v === true ? 1 : 0;
      if (from === "utf8" && typeof v === "string" && /^[+-]?\d{1,15}(\.\d{1,15})?$/.test(v)) return Number(v);
      return undefined;
    }
    case "bool": {
      if (fromInt || from === "float64") {
        const n = asNumber(lit);
        return n === undefined ? undefined : n !== 0;
      }
      return undefined;
    }
    case "utf8": {
      if (fromInt) return String(v);
      if (from === "bool") return v === true ? "true" : "false";
      return undefined;
    }
    case "timestamp":
    case "date":
    case "null":
      return undefined;
  }
}
