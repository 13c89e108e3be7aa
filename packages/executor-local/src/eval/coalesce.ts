// coalesce(a, b, ...) evaluated lazily, as Spark does: an argument is computed only for the rows
// that every earlier argument left null (none at all once no row is left), so that
// `coalesce(known, fromUnixtime(t))` formats only the rows that need it.
import type { DataType, LiteralValue } from "@lgde/core";
import { takeVec } from "../kernels/select.js";
import type { Chunk, Vec } from "../kernels/vector.js";
import { choose } from "./choose.js";
import type { EvalContext } from "./context.js";
import { pexprColumns, remapColumns, type PCall, type PExpr } from "./pexpr.js";

type Evaluate = (e: PExpr, c: Chunk, ctx: EvalContext) => Vec;

/** `e` over the rows `rows` of `c` only, returned at full length (null elsewhere). */
function evaluateOnRows(e: PExpr, c: Chunk, rows: Int32Array, ctx: EvalContext, evaluate: Evaluate): Vec {
  const used = [...pexprColumns(e)];
  const position = new Map(used.map((col, k) => [col, k]));
  const sub: Chunk = { columns: used.map((col) => takeVec(c.columns[col]!, rows)), length: rows.length };
  const v = evaluate(remapColumns(e, (i) => position.get(i)!), sub, ctx);
  const back = new Int32Array(c.length).fill(-1);
  for (let k = 0; k < rows.length; k++) back[rows[k]!] = k;
  return takeVec(v, back);
}

const cheap = (e: PExpr) => e.kind === "column" || e.kind === "literal";

/** `coalesce(x, k)` for a constant k of a fixed-width type: x's values, k where x is null. */
function fillNulls(v: Vec, k: LiteralValue, type: DataType): Vec | null {
  if (v.type !== type || v.type === "null" || v.type === "utf8" || v.type === "bool" || k === null || typeof k !== "number") return null;
  if (v.valid === null) return v;
  const n = v.length, valid = v.valid;
  switch (v.type) {
    case "int32": case "date": case "float64": {
      const out = v.values.slice(0, n);
      for (let i = 0; i < n; i++) if (valid[i] === 0) out[i] = k;
      return { type: v.type, length: n, values: out as never, valid: null };
    }
    case "int64": case "timestamp": {
      if (!Number.isSafeInteger(k)) return null;
      const out = v.values.slice(0, n), x = BigInt(k);
      for (let i = 0; i < n; i++) if (valid[i] === 0) out[i] = x;
      return { type: v.type, length: n, values: out, valid: null };
    }
  }
}

export function evaluateCoalesce(e: PCall, c: Chunk, ctx: EvalContext, evaluate: Evaluate): Vec {
  const last = e.args[1];
  if (e.args.length === 2 && last?.kind === "literal") {
    const v = evaluate(e.args[0]!, c, ctx);
    const filled = fillNulls(v, last.value, e.type);
    if (filled !== null) return filled;
    return coalesceOf(e, c, ctx, evaluate, v);
  }
  return coalesceOf(e, c, ctx, evaluate, null);
}

/** The general case; `first`: the first argument when already evaluated. */
function coalesceOf(e: PCall, c: Chunk, ctx: EvalContext, evaluate: Evaluate, first: Vec | null): Vec {
  const n = c.length;
  const choice = new Int32Array(n).fill(-1);
  const vecs: Vec[] = [];
  let pending = n;
  for (let k = 0; k < e.args.length && pending > 0; k++) {
    const arg = e.args[k]!;
    let v: Vec;
    if (k === 0 && first !== null) {
      v = first;
    } else if (pending === n || cheap(arg) || pending * 2 > n) {
      v = evaluate(arg, c, ctx);
    } else {
      const rows = new Int32Array(pending);
      for (let i = 0, p = 0; i < n; i++) if (choice[i] === -1) rows[p++] = i;
      v = evaluateOnRows(arg, c, rows, ctx, evaluate);
    }
    // The first argument without nulls is the answer for every row: no copy.
    if (pending === n && v.type === e.type && v.type !== "null" && v.valid === null) return v;
    vecs.push(v);
    if (v.type === "null") continue;
    for (let i = 0; i < n; i++) {
      if (choice[i] === -1 && (v.valid === null || v.valid[i] === 1)) { choice[i] = vecs.length - 1; pending--; }
    }
  }
  return choose(e.type, vecs, choice, n);
}
