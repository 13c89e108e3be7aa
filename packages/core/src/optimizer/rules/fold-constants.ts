// fold-constants: evaluates literal-only expressions and simplifies boolean logic at plan time.
//
//   Filter ((1 + 2) > a) AND true           Filter (3 > a)
//   +- Project [a, (2 * 3) AS b]      =>    +- Project [a, 6 AS b]
//
//   Filter (1 > 2)                          LocalRelation [a, b], 0 rows
//   +- Scan ...                      =>
//
// `Filter true` disappears; `Filter false` / `Filter null` becomes an empty relation with the
// same schema. Output names are kept: a folded `(1 + 2)` column becomes `3 AS (1 + 2)`.
import { E } from "../../expr/build.js";
import type { Expr, Literal } from "../../expr/expr.js";
import { exprType, transformExpr } from "../../expr/resolve.js";
import { Aggregate, Filter, Join, joinSchema, Project, Sort, Values } from "../../plan/nodes/index.js";
import type { LogicalPlan } from "../../plan/plan.js";
import { transformUp } from "../../plan/tree.js";
import { schema as makeSchema, type DataType, type Schema } from "../../types/data-type.js";
import { preserveName } from "../expr-utils.js";
import { evalBinary, evalCast, evalIn, evalNegate, evalNot } from "../literal-eval.js";
import type { OptimizerRule } from "../rule.js";

type TypeOf = (e: Expr) => { type: DataType; nullable: boolean } | undefined;

function typer(s: Schema): TypeOf {
  return (e) => {
    try {
      return exprType(e, s);
    } catch {
      // An expression we cannot type here (e.g. an ambiguous name) is simply not simplified.
      return undefined;
    }
  };
}

const isLit = (e: Expr): e is Literal => e.kind === "literal";
const isBoolLit = (e: Expr, v: boolean | null): boolean => e.kind === "literal" && e.value === v;

/** A literal of the expression's own type, or undefined when the value is unknown. */
function literalOf(original: Expr, value: Literal["value"] | undefined, typeOf: TypeOf): Expr | undefined {
  if (value === undefined) return undefined;
  const t = typeOf(original);
  return t === undefined ? undefined : E.literal(value, t.type);
}

/** Keeps the type: if a simplification changed it (e.g. dropping a CASE branch), cast back. */
function sameType(original: Expr, rewritten: Expr, typeOf: TypeOf): Expr {
  const before = typeOf(original), after = typeOf(rewritten);
  if (before === undefined || after === undefined) return original;
  return before.type === after.type ? rewritten : E.cast(rewritten, before.type);
}

/** One bottom-up step: `e`'s children are already folded. */
function foldNode(e: Expr, typeOf: TypeOf): Expr {
  switch (e.kind) {
    case "column":
    case "literal":
    case "alias":
    case "aggregate":
      return e;
    case "binary": {
      const { left: l, right: r } = e;
      if (isLit(l) && isLit(r)) return literalOf(e, evalBinary(e.op, l, r, typeOf(e)?.type ?? "null"), typeOf) ?? e;
      if (e.op === "and") {
        if (isBoolLit(l, false) || isBoolLit(r, false)) return E.literal(false, "bool");
        if (isBoolLit(l, true)) return r;
        if (isBoolLit(r, true)) return l;
      }
      if (e.op === "or") {
        if (isBoolLit(l, true) || isBoolLit(r, true)) return E.literal(true, "bool");
        if (isBoolLit(l, false)) return r;
        if (isBoolLit(r, false)) return l;
      }
      return e;
    }
    case "not":
      if (isLit(e.input)) return literalOf(e, evalNot(e.input.value), typeOf) ?? e;
      return e.input.kind === "not" ? e.input.input : e;
    case "negate":
      return isLit(e.input) ? literalOf(e, evalNegate(e.input), typeOf) ?? e : e;
    case "is_null": {
      if (isLit(e.input)) return E.literal((e.input.value === null) !== e.negated, "bool");
      // A column that can never be null makes the test constant.
      const t = typeOf(e.input);
      return t !== undefined && !t.nullable ? E.literal(e.negated, "bool") : e;
    }
    case "cast":
      return isLit(e.input) ? literalOf(e, evalCast(e.input, e.to), typeOf) ?? e : e;
    case "in": {
      const list = e.list;
      if (!isLit(e.input) || !list.every(isLit)) return e;
      return literalOf(e, evalIn(e.input, list as readonly Literal[]), typeOf) ?? e;
    }
    case "case": {
      // Branches whose condition is false or null never fire; the first `true` one always does.
      const live = e.branches.filter((b) => !isBoolLit(b.when, false) && !isBoolLit(b.when, null));
      const first = live[0];
      let result: Expr;
      if (first !== undefined && isBoolLit(first.when, true)) result = first.then;
      else if (live.length === 0) result = e.otherwise ?? literalOf(e, null, typeOf) ?? e;
      else if (live.length === e.branches.length) return e;
      else result = E.caseWhen(live, e.otherwise);
      return sameType(e, result, typeOf);
    }
    case "call": {
      if (e.fn !== "coalesce") return e;
      // coalesce: leading null literals are skipped; a leading non-null literal wins.
      const args = e.args.filter((a, i) => !(isLit(a) && a.value === null && i < e.args.length - 1));
      const head = args[0];
      if (head === undefined) return e;
      if (isLit(head) && head.value !== null) return sameType(e, head, typeOf);
      if (args.length === 1) return sameType(e, head, typeOf);
      return args.length === e.args.length ? e : sameType(e, E.call("coalesce", args), typeOf);
    }
  }
}

/** Folds an expression bottom-up against `input`'s columns. */
export function foldExpr(expr: Expr, input: Schema): Expr {
  const typeOf = typer(input);
  return transformExpr(expr, (e) => foldNode(e, typeOf));
}

function foldAll(exprs: readonly Expr[], input: Schema, keepNames: boolean): Expr[] | undefined {
  let changed = false;
  const out = exprs.map((e) => {
    const f = foldExpr(e, input);
    if (f === e) return e;
    changed = true;
    return keepNames ? preserveName(e, f) : f;
  });
  return changed ? out : undefined;
}

function rewriteNode(node: LogicalPlan): LogicalPlan | undefined {
  switch (node.kind) {
    case "filter": {
      const p = foldExpr(node.predicate, node.input.schema);
      if (isBoolLit(p, true)) return node.input;
      if (isBoolLit(p, false) || isBoolLit(p, null)) return Values.create([], node.schema);
      return p === node.predicate ? undefined : Filter.create(node.input, p);
    }
    case "project": {
      const exprs = foldAll(node.exprs, node.input.schema, true);
      return exprs && Project.create(node.input, exprs);
    }
    case "aggregate": {
      const groupBy = foldAll(node.groupBy, node.input.schema, true);
      const aggregates = foldAll(node.aggregates, node.input.schema, true);
      if (!groupBy && !aggregates) return undefined;
      return Aggregate.create(node.input, groupBy ?? node.groupBy, aggregates ?? node.aggregates);
    }
    case "join": {
      if (node.on === null) return undefined;
      // The condition sees the columns Join.create types it against.
      const sees = node.using.length > 0
        ? joinSchema(node.left.schema, node.right.schema, "inner", node.using)
        : makeSchema([...node.left.schema.fields, ...node.right.schema.fields]);
      const on = foldExpr(node.on, sees);
      return on === node.on ? undefined : Join.create(node.left, node.right, node.how, on, node.using);
    }
    case "sort": {
      let changed = false;
      const orders = node.orders.map((o) => {
        const expr = foldExpr(o.expr, node.input.schema);
        if (expr === o.expr) return o;
        changed = true;
        return { ...o, expr };
      });
      return changed ? Sort.create(node.input, orders) : undefined;
    }
    case "scan": case "values": case "distinct": case "union": case "except": case "limit":
      return undefined;
  }
}

export const foldConstants: OptimizerRule = {
  name: "fold-constants",
  rewrite(plan) {
    const r = transformUp(plan, (node) => {
      const rewritten = rewriteNode(node);
      return rewritten === undefined ? { node, transformed: false } : { node: rewritten, transformed: true };
    });
    return { plan: r.node, transformed: r.transformed };
  },
};
