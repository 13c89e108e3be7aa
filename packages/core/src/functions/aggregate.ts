// Aggregate functions: count, countDistinct, sum, avg, min, max, first.
import { Column } from "../column/column.js";
import { E } from "../expr/build.js";
import { argExpr, type ArgName, type ArgRefs, type ArgValue, type ColumnOrName } from "./column.js";

/**
 * Counts rows where the argument is not null; `count("*")` counts every row (named `count(1)`).
 * @example `df.groupBy("g").agg(count("*").as("n"))`
 */
export function count<const C extends ColumnOrName>(c: C):
  Column<number, C extends "*" ? never : ArgRefs<C>, C extends "*" ? "count(1)" : `count(${ArgName<C>})`> {
  return new Column(c === "*" ? E.aggregate("count", []) : E.aggregate("count", [argExpr(c)]));
}

/** Counts distinct non-null values (of one or more columns: rows where all are non-null). */
export function countDistinct<const C extends ColumnOrName, const M extends readonly ColumnOrName[]>(c: C, ...more: M):
  Column<number, ArgRefs<C> | ArgRefs<M[number]>, M extends readonly [] ? `count(DISTINCT ${ArgName<C>})` : string> {
  return new Column(E.aggregate("count", [c, ...more].map(argExpr), { distinct: true }));
}

/** Sum; integers sum to bigint, null when there is no non-null input. */
export function sum<const C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `sum(${ArgName<C>})`> {
  return new Column(E.aggregate("sum", [argExpr(c)]));
}

/** Sum of distinct values. */
export function sumDistinct<const C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `sum(DISTINCT ${ArgName<C>})`> {
  return new Column(E.aggregate("sum", [argExpr(c)], { distinct: true }));
}

/** Mean as a double; null when there is no non-null input. */
export function avg<const C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `avg(${ArgName<C>})`> {
  return new Column(E.aggregate("avg", [argExpr(c)]));
}

/** Alias of `avg`. */
export const mean = avg;

/** Smallest non-null value. */
export function min<const C extends ColumnOrName>(c: C): Column<ArgValue<C> | null, ArgRefs<C>, `min(${ArgName<C>})`> {
  return new Column(E.aggregate("min", [argExpr(c)]));
}

/** Largest non-null value. */
export function max<const C extends ColumnOrName>(c: C): Column<ArgValue<C> | null, ArgRefs<C>, `max(${ArgName<C>})`> {
  return new Column(E.aggregate("max", [argExpr(c)]));
}

/**
 * The first value seen in each group (order is not deterministic without a sort, as in Spark).
 * With `ignoreNulls`, the first non-null value. Accepts PySpark's `first(col, True)` form too.
 */
export function first<const C extends ColumnOrName>(c: C, ignoreNulls: boolean | { readonly ignoreNulls?: boolean } = false):
  Column<ArgValue<C> | null, ArgRefs<C>, `first(${ArgName<C>})`> {
  const ignore = typeof ignoreNulls === "boolean" ? ignoreNulls : ignoreNulls.ignoreNulls ?? false;
  return new Column(E.aggregate("first", [argExpr(c)], { ignoreNulls: ignore }));
}
