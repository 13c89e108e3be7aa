// Expression helpers shared by the rules: substitution, name keeping, structural equality.
import { E } from "../expr/build.js";
import type { Expr } from "../expr/expr.js";
import { columnsOf, exprExists, exprName, transformExpr } from "../expr/resolve.js";
import { exprKey } from "../expr/tree.js";

/** The expression under any aliases. */
export function stripAlias(expr: Expr): Expr {
  return expr.kind === "alias" ? stripAlias(expr.input) : expr;
}

/** Replaces column references by the mapped expressions (aliases stripped); unmapped columns stay. */
export function substituteColumns(expr: Expr, mapping: ReadonlyMap<string, Expr>): Expr {
  return transformExpr(expr, (e) => {
    if (e.kind !== "column") return e;
    const replacement = mapping.get(e.name);
    return replacement === undefined ? e : stripAlias(replacement);
  });
}

/** Keeps an output column's name: wraps `rewritten` in an alias when its automatic name differs. */
export function preserveName(original: Expr, rewritten: Expr): Expr {
  if (rewritten === original) return original;
  const name = exprName(original);
  if (exprName(rewritten) === name) return rewritten;
  return E.alias(stripAlias(rewritten), name);
}

/** Structural equality of plain-data expressions. */
export function exprEquals(a: Expr, b: Expr): boolean {
  return a === b || exprKey(a) === exprKey(b);
}

// Functions whose value may differ between two evaluations on the same row. None exist yet; a future
// `rand()` must be listed here so that filters are not pushed past it nor projections duplicated.
const NON_DETERMINISTIC: ReadonlySet<string> = new Set<string>();

/** Whether evaluating the expression twice, or on fewer rows, gives the same values. */
export function isDeterministic(expr: Expr): boolean {
  return !exprExists(expr, (e) => e.kind === "call" && NON_DETERMINISTIC.has(e.fn));
}

/** True when every column the expression reads is in `names`. */
export function readsOnly(expr: Expr, names: ReadonlySet<string>): boolean {
  for (const c of columnsOf(expr)) if (!names.has(c)) return false;
  return true;
}

/** Names that occur exactly once among `fields` (safe to refer to by name). */
export function uniqueNames(fields: readonly { readonly name: string }[]): Set<string> {
  const seen = new Map<string, number>();
  for (const f of fields) seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n === 1).map(([name]) => name));
}
