// Binary operators over two vectors of the same type: arithmetic (Spark wrapping for int32/int64,
// null on division by zero), comparisons (NaN largest and equal to itself), three-valued and/or.
import type { ArithmeticOp, ComparisonOp, LiteralValue } from "@lgde/core";
import { int64FromSafeIntegers, safeIntegersFromInt64 } from "../kernels/int64.js";
import { andValid, compareBytes, encodeUtf8, type BoolVec, type Vec } from "../kernels/vector.js";
import { allSafe } from "./arithmetic-constant.js";

export function arithmetic(op: ArithmeticOp, l: Vec, r: Vec): Vec {
  const n = l.length;
  let valid = andValid(l.valid, r.valid, n);
  const divides = op === "/" || op === "%";
  const markZero = (isZero: (i: number) => boolean): void => {
    for (let i = 0; i < n; i++) {
      if (isZero(i)) {
        valid ??= new Uint8Array(n).fill(1);
        if (valid === l.valid || valid === r.valid) valid = valid.slice();
        valid[i] = 0;
      }
    }
  };
  if (l.type === "int32" && r.type === "int32") {
    const a = l.values, b = r.values, out = new Int32Array(n);
    switch (op) {
      case "+": for (let i = 0; i < n; i++) out[i] = (a[i]! + b[i]!) | 0; break;
      case "-": for (let i = 0; i < n; i++) out[i] = (a[i]! - b[i]!) | 0; break;
      case "*": for (let i = 0; i < n; i++) out[i] = Math.imul(a[i]!, b[i]!); break;
      case "/": for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? 0 : (a[i]! / b[i]!) | 0; break;
      case "%": for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? 0 : (a[i]! % b[i]!) | 0; break;
    }
    if (divides) markZero((i) => b[i] === 0);
    return { type: "int32", length: n, values: out, valid };
  }
  if (l.type === "int64" && r.type === "int64") {
    const exact = op === "+" || op === "-" || op === "*" ? safeArithmetic(op, l.values, r.values, n) : null;
    if (exact !== null) return { type: "int64", length: n, values: exact, valid };
    const a = l.values, b = r.values, out = new BigInt64Array(n);
    switch (op) {
      case "+": for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, a[i]! + b[i]!); break;
      case "-": for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, a[i]! - b[i]!); break;
      case "*": for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, a[i]! * b[i]!); break;
      case "/": for (let i = 0; i < n; i++) out[i] = b[i] === 0n ? 0n : BigInt.asIntN(64, a[i]! / b[i]!); break;
      case "%": for (let i = 0; i < n; i++) out[i] = b[i] === 0n ? 0n : a[i]! % b[i]!; break;
    }
    if (divides) markZero((i) => b[i] === 0n);
    return { type: "int64", length: n, values: out, valid };
  }
  if (l.type === "float64" && r.type === "float64") {
    const a = l.values, b = r.values, out = new Float64Array(n);
    switch (op) {
      case "+": for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!; break;
      case "-": for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!; break;
      case "*": for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!; break;
      case "/": for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!; break;
      case "%": for (let i = 0; i < n; i++) out[i] = a[i]! % b[i]!; break;
    }
    if (divides) markZero((i) => b[i] === 0);
    return { type: "float64", length: n, values: out, valid };
  }
  throw new TypeError(`arithmetic ${op} on ${l.type} and ${r.type}`);
}

/**
 * `a op b` computed in doubles when every operand and result is a safe integer (then exact, and no
 * BigInt per row); null when some is not, for the BigInt loop to wrap as Spark does.
 */
function safeArithmetic(op: "+" | "-" | "*", a: BigInt64Array, b: BigInt64Array, n: number): BigInt64Array | null {
  const x = safeIntegersFromInt64(a, n), y = x === null ? null : safeIntegersFromInt64(b, n);
  if (x === null || y === null) return null;
  if (op === "+") addInPlace(x, y, n);
  else if (op === "-") subtractInPlace(x, y, n);
  else multiplyInPlace(x, y, n);
  // A result past 2^53 may be rounded (a double rounds monotonically, so it shows as past 2^53 - 1).
  return allSafe(x, n) ? int64FromSafeIntegers(x, n) : null;
}

// One loop per function: V8 optimizes a function with several loops one loop at a time (on-stack
// replacement) and then deoptimizes it at the first line after that loop that never ran, over and
// over, leaving the loops in slow code; a function that is only its loop has no such line.
function addInPlace(x: Float64Array, y: Float64Array, n: number): void { for (let i = 0; i < n; i++) x[i] = x[i]! + y[i]!; }
function subtractInPlace(x: Float64Array, y: Float64Array, n: number): void { for (let i = 0; i < n; i++) x[i] = x[i]! - y[i]!; }
function multiplyInPlace(x: Float64Array, y: Float64Array, n: number): void { for (let i = 0; i < n; i++) x[i] = x[i]! * y[i]!; }

/** -1, 0 or 1 comparing row i of l with row i of r (same type, both valid). Spark orders NaN above all numbers. */
export function rowComparator(l: Vec, r: Vec): (i: number, j: number) => number {
  switch (l.type) {
    case "int32": case "date": case "bool": { const a = l.values, b = (r as typeof l).values; return (i, j) => (a[i]! < b[j]! ? -1 : a[i]! > b[j]! ? 1 : 0); }
    case "int64": case "timestamp": { const a = l.values, b = (r as typeof l).values; return (i, j) => (a[i]! < b[j]! ? -1 : a[i]! > b[j]! ? 1 : 0); }
    case "float64": { const a = l.values, b = (r as typeof l).values; return (i, j) => compareDouble(a[i]!, b[j]!); }
    case "utf8": { const b = r as typeof l; return (i, j) => compareBytes(l.bytes, l.offsets[i]!, l.offsets[i + 1]!, b.bytes, b.offsets[j]!, b.offsets[j + 1]!); }
    case "null": return () => 0;
  }
}

export function compareDouble(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const xn = Number.isNaN(x), yn = Number.isNaN(y);
  return xn === yn ? 0 : xn ? 1 : -1;
}

const PRED: Record<Exclude<ComparisonOp, "<=>">, (c: number) => boolean> = {
  "=": (c) => c === 0, "!=": (c) => c !== 0, "<": (c) => c < 0, "<=": (c) => c <= 0, ">": (c) => c > 0, ">=": (c) => c >= 0,
};

export function compare(op: ComparisonOp, l: Vec, r: Vec): BoolVec {
  const n = l.length;
  const out = new Uint8Array(n);
  if (op === "<=>") {
    const cmp = rowComparator(l, r);
    for (let i = 0; i < n; i++) {
      const lv = l.valid === null || l.valid[i] === 1, rv = r.valid === null || r.valid[i] === 1;
      out[i] = lv && rv ? (cmp(i, i) === 0 ? 1 : 0) : lv === rv ? 1 : 0;
    }
    return { type: "bool", length: n, values: out, valid: null };
  }
  const valid = andValid(l.valid, r.valid, n);
  // Tight loops for the hot typed cases; the generic comparator for the rest.
  if ((l.type === "int32" || l.type === "date") && (r.type === "int32" || r.type === "date")) {
    const a = l.values, b = r.values;
    switch (op) {
      case "=": for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0; break;
      case "!=": for (let i = 0; i < n; i++) out[i] = a[i] !== b[i] ? 1 : 0; break;
      case "<": for (let i = 0; i < n; i++) out[i] = a[i]! < b[i]! ? 1 : 0; break;
      case "<=": for (let i = 0; i < n; i++) out[i] = a[i]! <= b[i]! ? 1 : 0; break;
      case ">": for (let i = 0; i < n; i++) out[i] = a[i]! > b[i]! ? 1 : 0; break;
      case ">=": for (let i = 0; i < n; i++) out[i] = a[i]! >= b[i]! ? 1 : 0; break;
    }
    return { type: "bool", length: n, values: out, valid };
  }
  if (l.type === "utf8" && r.type === "utf8" && (op === "=" || op === "!=")) {
    const eq = op === "=" ? 1 : 0;
    const lo = l.offsets, ro = r.offsets, lb = l.bytes, rb = r.bytes;
    for (let i = 0; i < n; i++) {
      const ls = lo[i]!, le = lo[i + 1]!, rs = ro[i]!, re = ro[i + 1]!;
      let same = le - ls === re - rs;
      if (same) for (let k = 0; k < le - ls; k++) if (lb[ls + k] !== rb[rs + k]) { same = false; break; }
      out[i] = same ? eq : 1 - eq;
    }
    return { type: "bool", length: n, values: out, valid };
  }
  if ((l.type === "int64" || l.type === "timestamp") && (r.type === "int64" || r.type === "timestamp")) {
    // As doubles when both sides are safe integers: reading a BigInt64Array element allocates a BigInt.
    const a = safeIntegersFromInt64(l.values, n), b = a === null ? null : safeIntegersFromInt64(r.values, n);
    if (a !== null && b !== null) {
      for (let i = 0; i < n; i++) out[i] = a[i]! < b[i]! ? 0 : a[i] === b[i] ? 1 : 2;
      return { type: "bool", length: n, values: orderedAs(op, out), valid };
    }
  }
  const cmp = rowComparator(l, r);
  const pred = PRED[op];
  for (let i = 0; i < n; i++) out[i] = pred(cmp(i, i)) ? 1 : 0;
  return { type: "bool", length: n, values: out, valid };
}

/** Turns orderings (0: less, 1: equal, 2: greater) into the outcome of `op`, in place. */
function orderedAs(op: Exclude<ComparisonOp, "<=>">, ord: Uint8Array): Uint8Array {
  const n = ord.length;
  switch (op) {
    case "=": for (let i = 0; i < n; i++) ord[i] = ord[i] === 1 ? 1 : 0; break;
    case "!=": for (let i = 0; i < n; i++) ord[i] = ord[i] === 1 ? 0 : 1; break;
    case "<": for (let i = 0; i < n; i++) ord[i] = ord[i] === 0 ? 1 : 0; break;
    case "<=": for (let i = 0; i < n; i++) ord[i] = ord[i] === 2 ? 0 : 1; break;
    case ">": for (let i = 0; i < n; i++) ord[i] = ord[i] === 2 ? 1 : 0; break;
    case ">=": for (let i = 0; i < n; i++) ord[i] = ord[i] === 0 ? 0 : 1; break;
  }
  return ord;
}

const FLIPPED = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;

/**
 * Whether each string equals `want` (1, or 0; flipped when `negate`). A small loop of its own, one
 * write per row and no second pass: `a_id = 'login'` over ten million rows is a scan's hottest loop.
 */
function utf8Equals(offsets: Int32Array, bytes: Uint8Array, n: number, want: Uint8Array, negate: boolean): Uint8Array {
  const out = new Uint8Array(n);
  const w = want.length, hit = negate ? 0 : 1, miss = negate ? 1 : 0;
  let s = offsets[0]!;
  for (let i = 0; i < n; i++) {
    const e = offsets[i + 1]!;
    let r = miss;
    if (e - s === w) {
      let k = 0;
      while (k < w && bytes[s + k] === want[k]) k++;
      if (k === w) r = hit;
    }
    out[i] = r;
    s = e;
  }
  return out;
}

/**
 * `l op x` for a non-null constant x (or `x op l` when `constantOnLeft`), without a vector of the
 * constant; null when there is no fast path for these types (the caller compares vectors).
 */
export function compareConstant(op: Exclude<ComparisonOp, "<=>">, l: Vec, x: LiteralValue, constantOnLeft: boolean): BoolVec | null {
  const o = constantOnLeft ? FLIPPED[op] : op;
  const n = l.length;
  let ord: Uint8Array;
  if ((l.type === "int32" || l.type === "date") && typeof x === "number") {
    ord = orderings(l.values, x);
  } else if ((l.type === "int64" || l.type === "timestamp") && typeof x === "number" && Number.isSafeInteger(x)) {
    const a = safeIntegersFromInt64(l.values, n);
    if (a === null) return null;
    ord = orderings(a, x);
  } else if (l.type === "utf8" && typeof x === "string" && (o === "=" || o === "!=")) {
    return { type: "bool", length: n, values: utf8Equals(l.offsets, l.bytes, n, encodeUtf8(x), o === "!="), valid: l.valid };
  } else {
    return null;
  }
  return { type: "bool", length: n, values: orderedAs(o, ord), valid: l.valid };
}

function orderings(a: Int32Array | Float64Array, x: number): Uint8Array {
  const n = a.length, out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! < x ? 0 : a[i] === x ? 1 : 2;
  return out;
}

/** Three-valued AND / OR. */
export function logical(op: "and" | "or", l: BoolVec, r: BoolVec): BoolVec {
  const n = l.length;
  const a = l.values, b = r.values, out = new Uint8Array(n);
  if (l.valid === null && r.valid === null) {
    if (op === "and") for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
    else for (let i = 0; i < n; i++) out[i] = a[i]! | b[i]!;
    return { type: "bool", length: n, values: out, valid: null };
  }
  const valid = new Uint8Array(n);
  const lv = l.valid, rv = r.valid;
  let anyNull = false;
  for (let i = 0; i < n; i++) {
    const x = lv === null || lv[i] === 1 ? a[i]! : 2, y = rv === null || rv[i] === 1 ? b[i]! : 2; // 2 = unknown
    let res: number;
    if (op === "and") res = x === 0 || y === 0 ? 0 : x === 1 && y === 1 ? 1 : 2;
    else res = x === 1 || y === 1 ? 1 : x === 0 && y === 0 ? 0 : 2;
    if (res === 2) { valid[i] = 0; anyNull = true; } else { valid[i] = 1; out[i] = res; }
  }
  return { type: "bool", length: n, values: out, valid: anyNull ? valid : null };
}
