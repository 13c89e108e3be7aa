// Type-level helpers shared by Column, the functions and DataFrame: names, referenced columns, values.

declare const columnValue: unique symbol;

/**
 * "The value of column K in whatever frame this is used on": `col("x")` does not know its frame,
 * so its value type is this marker, resolved by `ValueIn` when a DataFrame method sees it.
 */
export interface ColumnValue<K extends string> {
  readonly [columnValue]: K;
}

/** Resolves `ColumnValue<K>` markers (distributing over unions) against a row type. */
export type ValueIn<T, Row> = T extends ColumnValue<infer K> ? (K extends keyof Row ? Row[K] : unknown) : T;

/** A JavaScript value that `lit` accepts. */
export type LiteralInput = number | bigint | string | boolean | Date | null;

/** The row value type of a JavaScript literal. */
export type LiteralValueOf<V> = V extends number | bigint ? number
  : V extends string ? string
  : V extends boolean ? boolean
  : V extends Date ? Date
  : V extends null ? null
  : unknown;

/** The automatic name of a literal, as `exprName` prints it. */
export type LiteralName<V> = [V] extends [null] ? "NULL"
  : V extends number | bigint | string | boolean ? `${V}`
  : string;

/** The names of the columns of a row type (any name for an open `Record<string, unknown>`). */
export type ColumnName<Row> = Extract<keyof Row, string>;

/** Flattens an intersection for readable hovers and exact `expectTypeOf` checks. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `A | B | C` to `A & B & C`. */
export type UnionToIntersection<U> =
  (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** Each column of Row may be null (the outer side of a join). */
export type Nullable<Row> = { [K in keyof Row]: Row[K] | null };
