// How DataFrame methods turn user arguments (names, Columns, sort keys) into expressions.
import { Column } from "../column/column.js";
import { SortColumn } from "../column/sort-column.js";
import { E } from "../expr/build.js";
import type { Expr, SortOrder } from "../expr/expr.js";

/** A name or a Column, as the loose implementation sees it. */
export type ColumnArg = string | Column<unknown, string, string>;

/** The expression of a name or Column argument; `what` names the method in errors. */
export function exprOf(c: ColumnArg, what: string): Expr {
  if (typeof c === "string") return E.column(c);
  if (c instanceof Column) return c.expr;
  throw new TypeError(`${what}: expected a column name or a Column, got ${(c as unknown) instanceof SortColumn ? "a sort key" : String(c)}`);
}

/**
 * Spark's `Column.named` for a top-level expression: a cast of a named expression keeps that
 * name (`col("a").cast("int")` is still called `a`), as Spark's ResolveAliases does.
 */
export function named(e: Expr): Expr {
  if (e.kind === "cast" && (e.input.kind === "column" || e.input.kind === "alias")) return E.alias(e, e.input.name);
  return e;
}

/** A sort order from a name (ascending), a Column (ascending) or a SortColumn. */
export function sortOrderOf(c: ColumnArg | SortColumn<string>, what: string): SortOrder {
  if (c instanceof SortColumn) return c.order;
  return E.sortOrder(exprOf(c, what), true, true);
}
