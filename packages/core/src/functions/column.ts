// col, lit, asc, desc: the basic column builders.
import { Column, operandExpr, type RefsOf } from "../column/column.js";
import { SortColumn } from "../column/sort-column.js";
import type { ColumnValue, LiteralInput, LiteralName, LiteralValueOf } from "../column/types.js";
import { E } from "../expr/build.js";
import type { Expr } from "../expr/expr.js";

/** A Column or a column name, as most functions accept (a string here is a name, not a literal). */
export type ColumnOrName = string | Column<unknown, string, string>;

/** Columns read by a ColumnOrName. */
export type ArgRefs<C> = C extends string ? C : RefsOf<C>;
/** Output name of a ColumnOrName. */
export type ArgName<C> = C extends string ? C : C extends Column<unknown, string, infer N> ? N : string;
/** Value type of a ColumnOrName (a name resolves against the frame it is used on). */
export type ArgValue<C> = C extends string ? ColumnValue<C> : C extends Column<infer T, string, string> ? T : unknown;

/** The expression of a Column or of a column name. */
export function argExpr(c: ColumnOrName): Expr {
  if (typeof c === "string") return E.column(c);
  if (c instanceof Column) return c.expr;
  throw new TypeError(`expected a Column or a column name, got ${String(c)}`);
}

/**
 * A reference to a column by name, resolved against the frame it is used on.
 * @example `df.where(col("age").gt(18))`
 */
export function col<const K extends string>(name: K): Column<ColumnValue<K>, K, K> {
  return new Column(E.column(name));
}

/** Alias of `col`, as in PySpark. */
export const column = col;

/**
 * A literal column: numbers are `int` when they fit 32 bits and are integral, `bigint` when
 * integral and larger, else `double`; strings, booleans, Dates (timestamps), bigints and null.
 * A Column is returned as is.
 */
export function lit<const V extends LiteralInput | Column<unknown, string, string>>(value: V):
  V extends Column<unknown, string, string> ? V : Column<LiteralValueOf<V>, never, LiteralName<V>> {
  return (value instanceof Column ? value : new Column(operandExpr(value as LiteralInput))) as
    V extends Column<unknown, string, string> ? V : Column<LiteralValueOf<V>, never, LiteralName<V>>;
}

/** Ascending sort key by name (nulls first). */
export function asc<const K extends string>(name: K): SortColumn<K> {
  return new SortColumn(E.sortOrder(E.column(name), true, true));
}

/** Descending sort key by name (nulls last). */
export function desc<const K extends string>(name: K): SortColumn<K> {
  return new SortColumn(E.sortOrder(E.column(name), false, false));
}
