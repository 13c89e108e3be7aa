// Type-level row computations for DataFrame methods (select, withColumn, join, ...).
import type { Column } from "../column/column.js";
import type { SortColumn } from "../column/sort-column.js";
import type { ColumnName, Nullable, Simplify, UnionToIntersection, ValueIn } from "../column/types.js";

/** A column of a frame: its name, or a Column that reads only columns the frame has. */
export type ColumnOf<Row> = ColumnName<Row> | Column<unknown, ColumnName<Row>, string>;

/** A sort key of a frame: a name, a Column, or a SortColumn (`desc("a")`, `col("a").asc()`). */
export type SortKeyOf<Row> = ColumnOf<Row> | SortColumn<ColumnName<Row>>;

/** The output row of one selected item; a Column of unknown name gives an open record. */
type OutputOf<Row, C> = C extends string
  ? { [P in C]: P extends keyof Row ? Row[P] : unknown }
  : C extends Column<infer T, string, infer N>
    ? string extends N ? { [key: string]: unknown } : { [P in N]: ValueIn<T, Row> }
    : never;

/** The row type of `select(...cols)` (and of aggregates in `agg`). */
export type SelectRow<Row, C extends readonly unknown[]> = Simplify<UnionToIntersection<OutputOf<Row, C[number]>>>;

/** The value type a Column yields on a frame. */
export type ColumnValueIn<C, Row> = C extends Column<infer T, string, string> ? ValueIn<T, Row> : unknown;

/** `withColumn(name, value)`: replaces or adds `name`. */
export type WithColumnRow<Row, N extends string, V> = Simplify<Omit<Row, N> & { [P in N]: V }>;

/** Every join type Spark accepts, with its aliases. */
export type JoinHow =
  | "inner" | "cross"
  | "outer" | "full" | "fullouter" | "full_outer"
  | "left" | "leftouter" | "left_outer"
  | "right" | "rightouter" | "right_outer"
  | "semi" | "leftsemi" | "left_semi"
  | "anti" | "leftanti" | "left_anti";

/** The canonical join type of an alias. */
export type CanonicalJoin<H extends JoinHow> =
  H extends "inner" | "cross" ? "inner"
  : H extends "outer" | "full" | "fullouter" | "full_outer" ? "full"
  : H extends "left" | "leftouter" | "left_outer" ? "left"
  : H extends "right" | "rightouter" | "right_outer" ? "right"
  : H extends "semi" | "leftsemi" | "left_semi" ? "semi"
  : "anti";

type JoinBody<L, R, J> =
  J extends "inner" ? L & R
  : J extends "left" ? L & Nullable<R>
  : J extends "right" ? Nullable<L> & R
  : J extends "full" ? Nullable<L> & Nullable<R>
  : L;

/** The row of a join on a condition (both sides' columns; the outer side's become nullable). */
export type JoinRow<L, R, H extends JoinHow> = Simplify<JoinBody<L, R, CanonicalJoin<H>>>;

type UsingKeys<L, R, K extends keyof L & keyof R, J> =
  J extends "right" ? { [P in K]: R[P] }
  : J extends "full" ? { [P in K]: L[P] | R[P] }
  : { [P in K]: L[P] };

/** The row of a join on key names (`using`): each key once, then the other columns. */
export type JoinUsingRow<L, R, K extends keyof L & keyof R, H extends JoinHow> = Simplify<
  UsingKeys<L, R, K, CanonicalJoin<H>> & Omit<JoinBody<L, R, CanonicalJoin<H>>, K>
>;

/** `na.fill({...})`: the filled columns lose their null. */
export type FilledRow<Row, K extends PropertyKey> = Simplify<
  Omit<Row, K> & { [P in K & keyof Row]: Exclude<Row[P], null> }
>;
