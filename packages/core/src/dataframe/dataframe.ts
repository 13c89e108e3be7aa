// The public, typed DataFrame interface (the implementation is dataframe/impl.ts).
import type * as arrow from "apache-arrow";
import type { Column } from "../column/column.js";
import type { ColumnName, Simplify } from "../column/types.js";
import type { LogicalPlan } from "../plan/plan.js";
import type { Schema } from "../types/data-type.js";
import type { ShowOptions } from "../format/show.js";
import type { DataFrameWriter } from "./writer.js";
import type {
  ColumnOf, ColumnValueIn, FilledRow, JoinHow, JoinRow, JoinUsingRow, SelectRow, SortKeyOf, WithColumnRow,
} from "./row-types.js";

/** How `explain` prints: `"extended"` (default) shows the parsed, optimized and physical plans; `"simple"` only the physical one. */
export type ExplainMode = "simple" | "extended";

/**
 * A lazy, immutable, typed table: a logical plan plus the session that runs it. Transformations
 * (`select`, `where`, `groupBy`, `join`, ...) build a new plan and check it at once (an unknown
 * column is an error naming it and listing the columns that exist, and does not even compile
 * when the row type is known); actions (`collect`, `count`, `show`, `write`) optimize and run it.
 *
 * `Row` is the type of collected rows: `{ k: number | null; g: string | null }` for
 * `createDataFrame(rows, "k int, g string")`, `Record<string, unknown>` for files read without
 * a typed schema (then any column name is accepted).
 *
 * @example
 * ```ts
 * const df = spark.createDataFrame([{ k: 1, g: "a", v: 10 }], "k int, g string, v bigint");
 * const rows = await df.where(col("v").gt(5)).groupBy("g").agg(sum("v").as("total")).collect();
 * // rows: { g: string | null; total: number | null }[]
 * ```
 */
export interface DataFrame<Row extends object = Record<string, unknown>> {
  /** The logical plan (frozen plain data). */
  readonly plan: LogicalPlan;
  /** The output schema. */
  readonly schema: Schema;
  /** Column names, in order. */
  readonly columns: ColumnName<Row>[];
  /** `[name, Spark type name]` pairs, e.g. `["k", "int"]`. */
  readonly dtypes: [string, string][];

  /** Projects columns by name or expression: `select("a", col("b").plus(1).as("c"))`. */
  select<const C extends readonly ColumnOf<Row>[]>(...cols: C): DataFrame<SelectRow<Row, C>>;
  /** Adds a column, or replaces the one of the same name in place. */
  withColumn<const N extends string, C extends Column<unknown, ColumnName<Row>, string>>(
    name: N, value: C): DataFrame<WithColumnRow<Row, N, ColumnValueIn<C, Row>>>;
  /** Renames a column (an error if it does not exist). */
  withColumnRenamed<const A extends ColumnName<Row>, const B extends string>(
    existing: A, newName: B): DataFrame<Simplify<Omit<Row, A> & { [P in B]: Row[A] }>>;
  /** Removes columns (an error names one that does not exist). */
  drop<const K extends ColumnName<Row>>(...names: K[]): DataFrame<Simplify<Omit<Row, K>>>;
  /** Keeps rows where the condition is true (not false, not null). */
  where(condition: Column<unknown, ColumnName<Row>, string>): DataFrame<Row>;
  /** Alias of `where`. */
  filter(condition: Column<unknown, ColumnName<Row>, string>): DataFrame<Row>;

  /** Groups by columns; finish with `agg(...)`, `count()`, `sum(...)`, `avg`, `min`, `max`. */
  groupBy<const C extends readonly ColumnOf<Row>[]>(...cols: C): GroupedData<Row, SelectRow<Row, C>>;
  /** Aggregates the whole frame into one row: `df.agg(countDistinct("u").as("n"))`. */
  agg<const A extends readonly Column<unknown, ColumnName<Row>, string>[]>(...aggs: A): DataFrame<SelectRow<Row, A>>;

  /**
   * Joins on key columns present on both sides (each key appears once in the output):
   * `a.join(b, "k")`, `a.join(b, ["k1", "k2"], "left")`. `how` accepts Spark's names and aliases.
   */
  join<R2 extends object, const K extends ColumnName<Row> & ColumnName<R2>, const H extends JoinHow = "inner">(
    other: DataFrame<R2>, on: K | readonly K[], how?: H): DataFrame<JoinUsingRow<Row, R2, K, H>>;
  /** Joins on a condition: `a.join(b, col("a_uid").eq(col("p_uid")), "left")`. */
  join<R2 extends object, const H extends JoinHow = "inner">(
    other: DataFrame<R2>, on: Column<unknown, ColumnName<Row> | ColumnName<R2>, string>, how?: H): DataFrame<JoinRow<Row, R2, H>>;
  /** Without a condition: the Cartesian product (like `crossJoin`). */
  join<R2 extends object>(other: DataFrame<R2>): DataFrame<JoinRow<Row, R2, "inner">>;
  /** The Cartesian product. */
  crossJoin<R2 extends object>(other: DataFrame<R2>): DataFrame<JoinRow<Row, R2, "inner">>;

  /** Distinct rows. */
  distinct(): DataFrame<Row>;
  /** Keeps the first row per distinct value of `cols` (all columns when omitted). */
  dropDuplicates(cols?: readonly ColumnName<Row>[]): DataFrame<Row>;
  /** UNION ALL by position (Spark's `union`); the column counts must match. */
  union(other: DataFrame<Row>): DataFrame<Row>;
  /** UNION ALL matching columns by name; with `allowMissingColumns`, missing ones are null. */
  unionByName<R2 extends object>(other: DataFrame<R2>, allowMissingColumns?: boolean): DataFrame<Row>;
  /** Distinct rows of this frame that are not in `other` (EXCEPT DISTINCT). */
  subtract(other: DataFrame<Row>): DataFrame<Row>;
  /** Sorts by names (ascending), Columns (ascending) or sort keys (`desc("a")`, `col("b").asc()`). */
  orderBy(...cols: SortKeyOf<Row>[]): DataFrame<Row>;
  /** Alias of `orderBy`. */
  sort(...cols: SortKeyOf<Row>[]): DataFrame<Row>;
  /** The first `n` rows. */
  limit(n: number): DataFrame<Row>;
  /** Null handling: `na.fill(0)`, `na.fill({ a: 0 })`, `na.drop()`. */
  readonly na: DataFrameNaFunctions<Row>;

  /** Runs the plan and returns every row (int64 beyond 2^53 is an error naming the column). */
  collect(): Promise<Row[]>;
  /** The number of rows. */
  count(): Promise<number>;
  /** The first row, or undefined when there is none. */
  first(): Promise<Row | undefined>;
  /** The first `n` rows. */
  take(n: number): Promise<Row[]>;
  /** The result as an Arrow table (exact int64 and timestamp values). */
  toArrow(): Promise<arrow.Table>;
  /** Prints the first `n` rows as Spark's ASCII table. */
  show(n?: number, options?: ShowOptions): Promise<void>;
  /** The text `show` prints. */
  showString(n?: number, options?: ShowOptions): Promise<string>;
  /** Prints the schema tree (`root\n |-- k: integer (nullable = true)`). */
  printSchema(): void;
  /** The text `printSchema` prints. */
  schemaString(): string;
  /**
   * Prints the plans. An in-process executor's plan prints at once; an executor that asks a server
   * (Spark Connect) prints when it answers, so `await df.explain()`.
   */
  explain(mode?: ExplainMode): Promise<void>;
  /** The text `explain` prints. */
  explainString(mode?: ExplainMode): Promise<string>;
  /** Writes the result: `df.write.mode("overwrite").partitionBy("dt").parquet(path)`. */
  readonly write: DataFrameWriter;
}

/** A grouped frame, from `groupBy`. `Keys` is the row type of the grouping columns. */
export interface GroupedData<Row extends object, Keys> {
  /** Aggregates per group: `agg(count("*").as("n"), sum("v").as("s"))`. Output: keys, then aggregates. */
  agg<const A extends readonly Column<unknown, ColumnName<Row>, string>[]>(...aggs: A): DataFrame<Simplify<Keys & SelectRow<Row, A>>>;
  /** Rows per group, in a column named `count`. */
  count(): DataFrame<Simplify<Keys & { count: number }>>;
  /** `sum(c)` per group for each column. */
  sum<const K extends readonly ColumnName<Row>[]>(...cols: K): DataFrame<Simplify<Keys & { [P in K[number] as `sum(${P})`]: number | null }>>;
  /** `avg(c)` per group for each column. */
  avg<const K extends readonly ColumnName<Row>[]>(...cols: K): DataFrame<Simplify<Keys & { [P in K[number] as `avg(${P})`]: number | null }>>;
  /** Alias of `avg`. */
  mean<const K extends readonly ColumnName<Row>[]>(...cols: K): DataFrame<Simplify<Keys & { [P in K[number] as `avg(${P})`]: number | null }>>;
  /** `min(c)` per group for each column. */
  min<const K extends readonly ColumnName<Row>[]>(...cols: K): DataFrame<Simplify<Keys & { [P in K[number] as `min(${P})`]: Row[P] | null }>>;
  /** `max(c)` per group for each column. */
  max<const K extends readonly ColumnName<Row>[]>(...cols: K): DataFrame<Simplify<Keys & { [P in K[number] as `max(${P})`]: Row[P] | null }>>;
}

/** A value `na.fill` accepts. */
export type FillValue = number | string | boolean;

/** Options of `na.drop`. */
export interface NaDropOptions<Name extends string = string> {
  /** `"any"` (default) drops a row with any null; `"all"` only a row whose values are all null. */
  readonly how?: "any" | "all";
  /** Keep rows with at least this many non-null values (overrides `how`). */
  readonly thresh?: number;
  /** Consider only these columns. */
  readonly subset?: readonly Name[];
}

/** Spark's `DataFrameNaFunctions`. */
export interface DataFrameNaFunctions<Row extends object> {
  /**
   * Replaces nulls. A single value fills only the columns of a matching type (numbers fill
   * numeric columns, cast to each column's type; strings fill string columns; booleans boolean
   * columns), optionally restricted to `subset`.
   */
  fill(value: FillValue, subset?: readonly ColumnName<Row>[]): DataFrame<Row>;
  /** Replaces nulls per column: `fill({ p_amount: 0, name: "?" })`. */
  fill<const F extends { readonly [K in ColumnName<Row>]?: FillValue }>(values: F): DataFrame<FilledRow<Row, keyof F>>;
  /** Drops rows with nulls: `drop()`, `drop("all")`, `drop({ subset: ["a"] })`, `drop("any", ["a"])`. */
  drop(how?: "any" | "all" | NaDropOptions<ColumnName<Row>>, subset?: readonly ColumnName<Row>[]): DataFrame<Row>;
}
