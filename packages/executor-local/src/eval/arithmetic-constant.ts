// `v op k` (or `k op v`) for + - * with a constant k, without a vector of k: `a_time - 1603551600`
// and `x * 2` over int64 columns are common, and a constant int64 vector costs a BigInt64Array
// filled and then read back as doubles.
import type { ArithmeticOp, LiteralValue } from "@lgde/core";
import { int64FromSafeIntegers, safeIntegersFromInt64 } from "../kernels/int64.js";
import type { Vec } from "../kernels/vector.js";

/** k when it is a safe integer, else null (an int64 literal past 2^53 is a decimal string). */
function safeInteger(k: LiteralValue): number | null {
  return typeof k === "number" && Number.isSafeInteger(k) ? k : null;
}

/**
 * `v op k`, or `k op v` when `constantOnLeft`, for a non-null constant k of v's type; null when there
 * is no fast path (division, other types, an int64 result past 2^53 - 1), for the caller to compute
 * with a vector of k. Wrapping and nulls are as `arithmetic` gives them.
 */
export function arithmeticConstant(op: ArithmeticOp, v: Vec, k: LiteralValue, constantOnLeft: boolean): Vec | null {
  if (op !== "+" && op !== "-" && op !== "*") return null;
  const n = v.length;
  // + and * commute; k - v has loops of its own.
  const negate = constantOnLeft && op === "-";
  if (v.type === "int64") {
    const x = safeInteger(k);
    const d = x === null ? null : safeIntegersFromInt64(v.values, n);
    if (x === null || d === null) return null;
    if (op === "*") scaleInPlace(d, n, x);
    else if (negate) subtractFromInPlace(d, n, x);
    else shiftInPlace(d, n, op === "+" ? x : -x);
    return allSafe(d, n) ? { type: "int64", length: n, values: int64FromSafeIntegers(d, n), valid: v.valid } : null;
  }
  if (v.type === "int32" && typeof k === "number" && (k | 0) === k) {
    const out = new Int32Array(n);
    if (op === "*") imulInto(out, v.values, n, k);
    else if (negate) int32SubtractFrom(out, v.values, n, k);
    else int32Add(out, v.values, n, op === "+" ? k : -k);
    return { type: "int32", length: n, values: out, valid: v.valid };
  }
  if (v.type === "float64" && typeof k === "number") {
    const out = new Float64Array(n), a = v.values;
    if (op === "*") scaleInto(out, a, n, k);
    else if (negate) subtractFromInto(out, a, n, k);
    else if (op === "+") shiftInto(out, a, n, k);
    else subtractInto(out, a, n, k);
    return { type: "float64", length: n, values: out, valid: v.valid };
  }
  return null;
}

// One loop per function (see `safeArithmetic` in binary.ts: V8 deoptimizes multi-loop functions).
function shiftInPlace(d: Float64Array, n: number, k: number): void { for (let i = 0; i < n; i++) d[i] = d[i]! + k; }
function subtractFromInPlace(d: Float64Array, n: number, k: number): void { for (let i = 0; i < n; i++) d[i] = k - d[i]!; }
function scaleInPlace(d: Float64Array, n: number, k: number): void { for (let i = 0; i < n; i++) d[i] = d[i]! * k; }
function shiftInto(out: Float64Array, a: Float64Array, n: number, k: number): void { for (let i = 0; i < n; i++) out[i] = a[i]! + k; }
function subtractInto(out: Float64Array, a: Float64Array, n: number, k: number): void { for (let i = 0; i < n; i++) out[i] = a[i]! - k; }
function subtractFromInto(out: Float64Array, a: Float64Array, n: number, k: number): void { for (let i = 0; i < n; i++) out[i] = k - a[i]!; }
function scaleInto(out: Float64Array, a: Float64Array, n: number, k: number): void { for (let i = 0; i < n; i++) out[i] = a[i]! * k; }
function int32Add(out: Int32Array, a: Int32Array, n: number, k: number): void { for (let i = 0; i < n; i++) out[i] = (a[i]! + k) | 0; }
function int32SubtractFrom(out: Int32Array, a: Int32Array, n: number, k: number): void { for (let i = 0; i < n; i++) out[i] = (k - a[i]!) | 0; }
function imulInto(out: Int32Array, a: Int32Array, n: number, k: number): void { for (let i = 0; i < n; i++) out[i] = Math.imul(a[i]!, k); }

/** Whether every value is within ±(2^53 - 1), so that the doubles were exact. */
export function allSafe(x: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (x[i]! > Number.MAX_SAFE_INTEGER || x[i]! < -Number.MAX_SAFE_INTEGER) return false;
  return true;
}
