// Expression traversal: children, bottom-up rewrites, searches and conjunction helpers.
import type { Expr } from "./expr.js";

export function exprChildren(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case "column": case "literal": return [];
    case "binary": return [expr.left, expr.right];
    case "not": case "negate": case "is_null": case "cast": case "alias": return [expr.input];
    case "case": return [...expr.branches.flatMap((b) => [b.when, b.then]), ...(expr.otherwise ? [expr.otherwise] : [])];
    case "in": return [expr.input, ...expr.list];
    case "call": case "aggregate": return expr.args;
  }
}

/** Rebuilds an expression bottom-up with `fn` applied to every node (children first). */
export function transformExpr(expr: Expr, fn: (e: Expr) => Expr): Expr {
  const rebuilt = mapChildren(expr, (c) => transformExpr(c, fn));
  return fn(rebuilt);
}

/** The same node with each direct child replaced by `fn(child)`; returns `expr` itself when nothing changed. */
export function mapChildren(expr: Expr, fn: (e: Expr) => Expr): Expr {
  const f = <T extends Expr>(e: T): T => Object.freeze(e);
  switch (expr.kind) {
    case "column": case "literal": return expr;
    case "binary": {
      const left = fn(expr.left), right = fn(expr.right);
      return left === expr.left && right === expr.right ? expr : f({ ...expr, left, right });
    }
    case "not": case "negate": case "is_null": case "cast": case "alias": {
      const input = fn(expr.input);
      return input === expr.input ? expr : f({ ...expr, input });
    }
    case "case": {
      let changed = false;
      const branches = expr.branches.map((b) => {
        const when = fn(b.when), then = fn(b.then);
        if (when !== b.when || then !== b.then) changed = true;
        return Object.freeze({ when, then });
      });
      const otherwise = expr.otherwise ? fn(expr.otherwise) : null;
      if (otherwise !== expr.otherwise) changed = true;
      return changed ? f({ ...expr, branches: Object.freeze(branches), otherwise }) : expr;
    }
    case "in": {
      const input = fn(expr.input);
      const list = expr.list.map(fn);
      const changed = input !== expr.input || list.some((x, i) => x !== expr.list[i]);
      return changed ? f({ ...expr, input, list: Object.freeze(list) }) : expr;
    }
    case "call": case "aggregate": {
      const args = expr.args.map(fn);
      return args.some((x, i) => x !== expr.args[i]) ? f({ ...expr, args: Object.freeze(args) }) as Expr : expr;
    }
  }
}

/** Whether `pred` holds for `expr` or any sub-expression. */
export function exprExists(expr: Expr, pred: (e: Expr) => boolean): boolean {
  return pred(expr) || exprChildren(expr).some((c) => exprExists(c, pred));
}

/** Names of the columns an expression reads. */
export function columnsOf(expr: Expr, into: Set<string> = new Set()): Set<string> {
  if (expr.kind === "column") into.add(expr.name);
  for (const c of exprChildren(expr)) columnsOf(c, into);
  return into;
}

export function containsAggregate(expr: Expr): boolean {
  return exprExists(expr, (e) => e.kind === "aggregate");
}

/** `a AND (b AND c)` → `[a, b, c]`. */
export function splitConjunction(expr: Expr): Expr[] {
  if (expr.kind === "binary" && expr.op === "and") return [...splitConjunction(expr.left), ...splitConjunction(expr.right)];
  return [expr];
}

/** `[a, b, c]` → `a AND b AND c`, or null when empty. */
export function conjunction(exprs: readonly Expr[]): Expr | null {
  if (exprs.length === 0) return null;
  return exprs.reduce((acc, e) => Object.freeze({ kind: "binary", op: "and", left: acc, right: e }) as Expr);
}

/** Strips a top-level alias. */
export function unalias(expr: Expr): Expr {
  return expr.kind === "alias" ? expr.input : expr;
}

/**
 * A text equal for two expressions (or lists of them) exactly when they are structurally equal.
 * Unlike plain JSON it tells NaN, ±Infinity, -0 and null apart, and accepts bigint literals.
 */
export function exprKey(e: Expr | readonly Expr[]): string {
  return JSON.stringify(e, (_key, v: unknown) => {
    if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0) ? v : { $number: Object.is(v, -0) ? "-0" : String(v) };
    if (typeof v === "bigint") return { $bigint: v.toString() };
    return v;
  });
}
