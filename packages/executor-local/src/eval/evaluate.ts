// Column-wise evaluation of physical expressions over a chunk, dispatched by kind.
import type { DataType, LiteralValue } from "@lgde/core";
import { ColumnBuilder } from "../kernels/builder.js";
import { allNull, encodeUtf8, type BoolVec, type Chunk, type Vec } from "../kernels/vector.js";
import { arithmeticConstant } from "./arithmetic-constant.js";
import { arithmetic, compare, compareConstant, logical } from "./binary.js";
import { castVec } from "./cast.js";
import { choose } from "./choose.js";
import { evaluateCoalesce } from "./coalesce.js";
import type { EvalContext } from "./context.js";
import { SCALAR_FUNCTIONS } from "./functions/index.js";
import type { PExpr, PExprKind, PLiteral } from "./pexpr.js";

type Evaluator<K extends PExprKind> = (e: Extract<PExpr, { kind: K }>, c: Chunk, ctx: EvalContext) => Vec;

/** A vector holding `value` in every row. */
export function constant(value: LiteralValue, type: DataType, n: number): Vec {
  if (value === null) return allNull(type, n);
  switch (type) {
    case "int32": case "date": return { type, length: n, values: new Int32Array(n).fill(Number(value)), valid: null };
    case "int64": case "timestamp": return { type, length: n, values: new BigInt64Array(n).fill(BigInt(value)), valid: null };
    case "float64": return { type, length: n, values: new Float64Array(n).fill(Number(value)), valid: null };
    case "bool": return { type, length: n, values: new Uint8Array(n).fill(value === true || value === "true" ? 1 : 0), valid: null };
    case "utf8": {
      const b = encodeUtf8(String(value));
      const total = b.length * n;
      const bytes = new Uint8Array(total);
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) offsets[i + 1] = (i + 1) * b.length;
      // Repeat the bytes by doubling copies rather than one `set` call per row.
      if (total > 0) {
        bytes.set(b, 0);
        for (let filled = b.length; filled < total; filled *= 2) bytes.copyWithin(filled, 0, Math.min(filled, total - filled));
      }
      return { type, length: n, offsets, bytes, valid: null };
    }
    case "null": return allNull("null", n);
  }
}

function asBool(v: Vec): BoolVec {
  if (v.type === "bool") return v;
  if (v.type === "null") return { type: "bool", length: v.length, values: new Uint8Array(v.length), valid: v.valid };
  throw new TypeError(`expected a boolean vector, got ${v.type}`);
}

/** A binary expression's non-null literal operand (the right one if both are), and which side it is on. */
function constantOperand(e: Extract<PExpr, { kind: "binary" }>): { literal: PLiteral; onLeft: boolean } | null {
  const literal = e.right.kind === "literal" ? e.right : e.left.kind === "literal" ? e.left : null;
  if (literal === null || literal.value === null) return null;
  return { literal, onLeft: literal === e.left };
}

const EVALUATORS: { readonly [K in PExprKind]: Evaluator<K> } = {
  column: (e, c) => c.columns[e.index]!,
  literal: (e, c) => constant(e.value, e.type, c.length),
  binary: (e, c, ctx) => {
    switch (e.op) {
      case "=": case "!=": case "<": case "<=": case ">": case ">=": {
        // Against a constant: compared with the value, without a vector of it where the types allow.
        const k = constantOperand(e);
        if (k === null) break;
        const v = evaluate(k.onLeft ? e.right : e.left, c, ctx);
        return compareConstant(e.op, v, k.literal.value, k.onLeft) ?? (k.onLeft ? compare(e.op, evaluate(k.literal, c, ctx), v) : compare(e.op, v, evaluate(k.literal, c, ctx)));
      }
      case "+": case "-": case "*": {
        // With a constant of the other side's type: the constant is not made into a vector.
        const k = constantOperand(e);
        if (k === null) break;
        const v = evaluate(k.onLeft ? e.right : e.left, c, ctx);
        const fast = v.type === k.literal.type ? arithmeticConstant(e.op, v, k.literal.value, k.onLeft) : null;
        if (fast !== null) return fast;
        if (v.type === "null") return allNull(e.type, c.length);
        const kv = evaluate(k.literal, c, ctx);
        return k.onLeft ? arithmetic(e.op, kv, v) : arithmetic(e.op, v, kv);
      }
      default: break;
    }
    const l = evaluate(e.left, c, ctx), r = evaluate(e.right, c, ctx);
    switch (e.op) {
      case "and": case "or": return logical(e.op, asBool(l), asBool(r));
      case "+": case "-": case "*": case "/": case "%":
        if (l.type === "null" || r.type === "null") return allNull(e.type, c.length);
        return arithmetic(e.op, l, r);
      case "=": case "!=": case "<": case "<=": case ">": case ">=": case "<=>":
        return compare(e.op, l, r);
    }
  },
  not: (e, c, ctx) => {
    const v = asBool(evaluate(e.input, c, ctx));
    const out = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = 1 - v.values[i]!;
    return { type: "bool", length: v.length, values: out, valid: v.valid };
  },
  negate: (e, c, ctx) => {
    const v = evaluate(e.input, c, ctx);
    const n = v.length;
    switch (v.type) {
      case "int32": { const out = new Int32Array(n); for (let i = 0; i < n; i++) out[i] = -v.values[i]! | 0; return { ...v, values: out }; }
      case "int64": { const out = new BigInt64Array(n); for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, -v.values[i]!); return { ...v, values: out }; }
      case "float64": { const out = new Float64Array(n); for (let i = 0; i < n; i++) out[i] = -v.values[i]!; return { ...v, values: out }; }
      default: return v;
    }
  },
  is_null: (e, c, ctx) => {
    const v = evaluate(e.input, c, ctx);
    const n = v.length;
    const out = new Uint8Array(n);
    const want = e.negated ? 1 : 0;
    if (v.valid === null) out.fill(want);
    else for (let i = 0; i < n; i++) out[i] = v.valid[i] === want ? 1 : 0;
    return { type: "bool", length: n, values: out, valid: null };
  },
  cast: (e, c, ctx) => castVec(evaluate(e.input, c, ctx), e.type, ctx),
  case: (e, c, ctx) => {
    const n = c.length;
    const choice = new Int32Array(n).fill(-1);
    const decided = new Uint8Array(n);
    const vecs: Vec[] = [];
    e.branches.forEach((b, k) => {
      const w = asBool(evaluate(b.when, c, ctx));
      for (let i = 0; i < n; i++) {
        if (decided[i] === 0 && w.values[i] === 1 && (w.valid === null || w.valid[i] === 1)) { decided[i] = 1; choice[i] = k; }
      }
      vecs.push(evaluate(b.then, c, ctx));
    });
    if (e.otherwise) {
      const k = vecs.length;
      vecs.push(evaluate(e.otherwise, c, ctx));
      for (let i = 0; i < n; i++) if (decided[i] === 0) choice[i] = k;
    }
    return choose(e.type, vecs, choice, n);
  },
  in: (e, c, ctx) => {
    // Spark: true if any item equals; else null if the input or any item is null; else false.
    const x = evaluate(e.input, c, ctx);
    const n = c.length;
    const found = new Uint8Array(n);
    const sawNull = new Uint8Array(n);
    for (const item of e.list) {
      const eq = compare("=", x, evaluate(item, c, ctx));
      for (let i = 0; i < n; i++) {
        if (eq.valid !== null && eq.valid[i] === 0) sawNull[i] = 1;
        else if (eq.values[i] === 1) found[i] = 1;
      }
    }
    let valid: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (found[i] === 0 && (sawNull[i] === 1 || (x.valid !== null && x.valid[i] === 0) || x.type === "null")) {
        valid ??= new Uint8Array(n).fill(1);
        valid[i] = 0;
      }
    }
    return { type: "bool", length: n, values: found, valid };
  },
  call: (e, c, ctx) => {
    if (e.fn === "coalesce") return evaluateCoalesce(e, c, ctx, evaluate);
    const args = e.args.map((a) => evaluate(a, c, ctx));
    const literals = e.args.map((a) => (a.kind === "literal" ? a.value : undefined));
    return SCALAR_FUNCTIONS[e.fn]({ args, literals, length: c.length, type: e.type, ctx });
  },
};

/** Evaluates `e` over every row of `c`. */
export function evaluate(e: PExpr, c: Chunk, ctx: EvalContext): Vec {
  return (EVALUATORS[e.kind] as Evaluator<PExprKind>)(e as never, c, ctx);
}

/** Evaluates a predicate to a mask of rows where it is true (null counts as false). */
export function evaluatePredicate(e: PExpr, c: Chunk, ctx: EvalContext): Uint8Array {
  const v = asBool(evaluate(e, c, ctx));
  if (v.valid === null) return v.values;
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v.values[i]! & v.valid[i]!;
  return out;
}

export { ColumnBuilder };
