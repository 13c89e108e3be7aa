// coalesce(a, b, ...) evaluated lazily, as Spark does: an argument is computed only for the rows
// that every earlier argument left null (none at all once no row is left), so that
// `coalesce(known, fromUnixtime(t))` formats only the rows that need it.
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

export function evaluateCoalesce(e: PCall, c: Chunk, ctx: EvalContext, evaluate: Evaluate): Vec {
  const n = c.length;
  const choice = new Int32Array(n).fill(-1);
  const vecs: Vec[] = [];
  let pending = n;
  for (let k = 0; k < e.args.length && pending > 0; k++) {
    const arg = e.args[k]!;
    let v: Vec;
    if (pending === n || cheap(arg) || pending * 2 > n) {
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
