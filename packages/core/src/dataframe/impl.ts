// The DataFrame implementation: each method builds one plan node and returns a new frame.
// Types are loose here on purpose; the precise public types live in dataframe.ts.
import * as arrow from "apache-arrow";
import type { Column } from "../column/column.js";
import type { SortColumn } from "../column/sort-column.js";
import { AnalysisError } from "../errors.js";
import { E } from "../expr/build.js";
import type { Expr } from "../expr/expr.js";
import { containsAggregate, resolveColumn } from "../expr/resolve.js";
import { batchesToRows, columnReader } from "../format/from-arrow.js";
import { schemaTreeString } from "../format/print-schema.js";
import { showString, type ShowOptions } from "../format/show.js";
import { explainLogical } from "../plan/explain.js";
import { Aggregate, Distinct, Except, Filter, Join, Limit, Project, Sort, Union } from "../plan/nodes/index.js";
import type { JoinType, LogicalPlan } from "../plan/plan.js";
import type { SessionState } from "../session/state.js";
import { toArrowSchema, type DataType } from "../types/data-type.js";
import type { DataFrame, ExplainMode, GroupedData } from "./dataframe.js";
import { collectBatches, optimizedPlan } from "./execute.js";
import { GroupedImpl } from "./grouped.js";
import { NaFunctionsImpl } from "./na.js";
import { exprOf, named, sortOrderOf, type ColumnArg } from "./naming.js";
import { DataFrameWriter } from "./writer.js";

/** Spark's join type names and aliases, lower-cased without underscores. */
const JOIN_ALIASES: Readonly<Record<string, JoinType>> = {
  inner: "inner", cross: "cross",
  outer: "full", full: "full", fullouter: "full",
  left: "left", leftouter: "left",
  right: "right", rightouter: "right",
  semi: "semi", leftsemi: "semi",
  anti: "anti", leftanti: "anti",
};

/** The canonical join type of a Spark join type string (`"left_outer"` → `"left"`). */
export function parseJoinType(how: string): JoinType {
  const t = JOIN_ALIASES[how.toLowerCase().replace(/_/g, "")];
  if (t === undefined) {
    throw new AnalysisError(
      `unsupported join type "${how}"; supported: inner, cross, outer, full, fullouter, full_outer, left, leftouter, ` +
      `left_outer, right, rightouter, right_outer, semi, leftsemi, left_semi, anti, leftanti, left_anti`,
    );
  }
  return t;
}

/** DDL-style type names for `dtypes`, as PySpark prints them. */
const DTYPE_NAMES: Readonly<Record<DataType, string>> = {
  int32: "int", int64: "bigint", float64: "double", utf8: "string",
  bool: "boolean", timestamp: "timestamp", date: "date", null: "void",
};

/** Creates a frame (typed by the caller). */
export function frame<Row extends object>(state: SessionState, plan: LogicalPlan): DataFrame<Row> {
  return new DataFrameImpl(state, plan) as unknown as DataFrame<Row>;
}

type Loose = DataFrameImpl;

/** The loose implementation behind `DataFrame<Row>`. */
export class DataFrameImpl {
  constructor(readonly state: SessionState, readonly plan: LogicalPlan) {
    Object.freeze(this);
  }

  private next(plan: LogicalPlan): DataFrameImpl {
    return new DataFrameImpl(this.state, plan);
  }

  get schema() {
    return this.plan.schema;
  }

  get columns(): string[] {
    return this.plan.schema.fields.map((f) => f.name);
  }

  get dtypes(): [string, string][] {
    return this.plan.schema.fields.map((f) => [f.name, DTYPE_NAMES[f.type]]);
  }

  /** Column references for every current column, in order. */
  private allColumns(): Expr[] {
    return this.plan.schema.fields.map((f) => E.column(f.name));
  }

  select(...cols: ColumnArg[]): Loose {
    const exprs = cols.map((c) => named(exprOf(c, "select")));
    // Like Spark, a select of aggregates (`select(countDistinct("a"))`) aggregates the whole frame.
    if (exprs.some(containsAggregate)) return this.next(Aggregate.create(this.plan, [], exprs));
    return this.next(Project.create(this.plan, exprs));
  }

  withColumn(name: string, value: Column): Loose {
    const e = E.alias(exprOf(value, "withColumn"), name);
    const fields = this.plan.schema.fields;
    const at = fields.findIndex((f) => f.name === name);
    const exprs = this.allColumns();
    if (at >= 0) exprs[at] = e;
    else exprs.push(e);
    return this.next(Project.create(this.plan, exprs));
  }

  withColumnRenamed(existing: string, newName: string): Loose {
    const at = resolveColumn(this.plan.schema, existing);
    const exprs: Expr[] = this.allColumns();
    exprs[at] = E.alias(exprs[at]!, newName);
    return this.next(Project.create(this.plan, exprs));
  }

  drop(...names: string[]): Loose {
    const gone = new Set(names.map((n) => this.plan.schema.fields[resolveColumn(this.plan.schema, n)]!.name));
    return this.next(Project.create(this.plan, this.allColumns().filter((e) => !gone.has((e as { name: string }).name))));
  }

  where(condition: Column): Loose {
    return this.next(Filter.create(this.plan, exprOf(condition, "where")));
  }

  filter(condition: Column): Loose {
    return this.where(condition);
  }

  groupBy(...cols: ColumnArg[]): GroupedImpl<Loose> {
    return new GroupedImpl(this.plan, cols.map((c) => named(exprOf(c, "groupBy"))), (plan) => this.next(plan));
  }

  agg(...aggs: Column[]): Loose {
    return this.groupBy().agg(...aggs);
  }

  join(other: DataFrameImpl, on?: string | readonly string[] | Column, how = "inner"): Loose {
    const type = parseJoinType(how);
    if (on === undefined || on === null) {
      return this.next(Join.create(this.plan, other.plan, type === "inner" ? "cross" : type, null, []));
    }
    if (typeof on === "string" || Array.isArray(on)) {
      const using = typeof on === "string" ? [on] : [...(on as readonly string[])];
      // Spark: "cross" with join keys is an inner join on them.
      return this.next(Join.create(this.plan, other.plan, type === "cross" ? "inner" : type, null, using));
    }
    return this.next(Join.create(this.plan, other.plan, type === "cross" ? "inner" : type, exprOf(on as Column, "join"), []));
  }

  crossJoin(other: DataFrameImpl): Loose {
    return this.next(Join.create(this.plan, other.plan, "cross", null, []));
  }

  distinct(): Loose {
    return this.next(Distinct.create(this.plan, null));
  }

  dropDuplicates(cols?: readonly string[]): Loose {
    return this.next(Distinct.create(this.plan, cols === undefined ? null : [...cols]));
  }

  union(other: DataFrameImpl): Loose {
    return this.next(Union.create([this.plan, other.plan]));
  }

  unionByName(other: DataFrameImpl, allowMissingColumns = false): Loose {
    const left = this.plan.schema.fields;
    const right = other.plan.schema.fields;
    const leftNames = new Set(left.map((f) => f.name));
    const rightNames = new Set(right.map((f) => f.name));
    const missingRight = left.filter((f) => !rightNames.has(f.name)).map((f) => f.name);
    const missingLeft = right.filter((f) => !leftNames.has(f.name)).map((f) => f.name);
    if (!allowMissingColumns && (missingRight.length > 0 || missingLeft.length > 0)) {
      const parts: string[] = [];
      if (missingRight.length > 0) parts.push(`the right side has no column(s) ${missingRight.join(", ")}`);
      if (missingLeft.length > 0) parts.push(`the left side has no column(s) ${missingLeft.join(", ")}`);
      throw new AnalysisError(
        `unionByName: ${parts.join("; ")} (left: ${[...leftNames].join(", ")}; right: ${[...rightNames].join(", ")}); ` +
        `pass allowMissingColumns = true to fill them with nulls`,
      );
    }
    const nullOf = (t: DataType, name: string) => E.alias(E.cast(E.literal(null), t), name);
    const extra = right.filter((f) => !leftNames.has(f.name));
    let leftPlan = this.plan;
    if (extra.length > 0) leftPlan = Project.create(leftPlan, [...this.allColumns(), ...extra.map((f) => nullOf(f.type, f.name))]);
    const rightExprs = [...left, ...extra].map((f) => (rightNames.has(f.name) ? E.column(f.name) : nullOf(f.type, f.name)));
    const rightPlan = Project.create(other.plan, rightExprs);
    return this.next(Union.create([leftPlan, rightPlan]));
  }

  subtract(other: DataFrameImpl): Loose {
    return this.next(Except.create(this.plan, other.plan));
  }

  orderBy(...cols: (ColumnArg | SortColumn)[]): Loose {
    return this.next(Sort.create(this.plan, cols.map((c) => sortOrderOf(c, "orderBy"))));
  }

  sort(...cols: (ColumnArg | SortColumn)[]): Loose {
    return this.orderBy(...cols);
  }

  limit(n: number): Loose {
    return this.next(Limit.create(this.plan, n));
  }

  get na(): NaFunctionsImpl {
    return new NaFunctionsImpl(this.plan, (plan) => this.next(plan));
  }

  get write(): DataFrameWriter {
    return new DataFrameWriter(this.state, this.plan);
  }

  // ---- actions ----

  async collect(): Promise<Record<string, unknown>[]> {
    return batchesToRows(await collectBatches(this.state, this.plan));
  }

  async count(): Promise<number> {
    const plan = Aggregate.create(this.plan, [], [E.alias(E.aggregate("count", []), "count")]);
    for (const batch of await collectBatches(this.state, plan)) {
      if (batch.numRows > 0) return columnReader(batch.data.children[0]!, "count")(0) as number;
    }
    throw new AnalysisError("count(): the executor returned no row for a global aggregate");
  }

  async first(): Promise<Record<string, unknown> | undefined> {
    return (await this.take(1))[0];
  }

  async take(n: number): Promise<Record<string, unknown>[]> {
    return this.limit(n).collect();
  }

  async toArrow(): Promise<arrow.Table> {
    const batches = await collectBatches(this.state, this.plan);
    return batches.length === 0 ? new arrow.Table(toArrowSchema(this.plan.schema)) : new arrow.Table(batches);
  }

  async showString(n = 20, options: ShowOptions = {}): Promise<string> {
    const rows = Math.max(0, Math.floor(n));
    // Like Spark's take(n + 1): one extra row tells whether to print the "only showing" footer.
    const batches = await collectBatches(this.state, Limit.create(this.plan, rows + 1));
    return showString(this.columns, batches, rows, this.state.timeZone, options);
  }

  async show(n = 20, options: ShowOptions = {}): Promise<void> {
    // Spark prints with println, so the table is followed by an empty line.
    console.log(await this.showString(n, options));
  }

  schemaString(): string {
    return schemaTreeString(this.plan.schema);
  }

  printSchema(): void {
    console.log(this.schemaString());
  }

  explainString(mode: ExplainMode = "extended"): Promise<string> {
    try {
      return Promise.resolve(this.explainText(mode));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  explain(mode: ExplainMode = "extended"): Promise<void> {
    let text: string | Promise<string>;
    try {
      text = this.explainText(mode);
    } catch (err) {
      return Promise.reject(err);
    }
    // An in-process executor's plan prints at once, as Spark's explain does; a remote one's when it answers.
    if (typeof text === "string") {
      console.log(text);
      return Promise.resolve();
    }
    return text.then((t) => { console.log(t); });
  }

  /** The explain text: a string when the executor explains synchronously, a promise when it must ask a server. */
  private explainText(mode: ExplainMode): string | Promise<string> {
    const optimized = optimizedPlan(this.state, this.plan);
    const compose = (physical: string): string => mode === "simple"
      ? `== Physical Plan ==\n${physical}\n`
      : `== Parsed Logical Plan ==\n${explainLogical(this.plan)}\n\n` +
        `== Optimized Logical Plan ==\n${explainLogical(optimized)}\n\n` +
        `== Physical Plan ==\n${physical}\n`;
    const unavailable = (err: unknown): string => compose(`(unavailable: ${err instanceof Error ? err.message : String(err)})`);
    try {
      const executor = this.state.executor();
      const plan = executor.wantsUnoptimizedPlan === true ? this.plan : optimized;
      if (executor.explainAsync === undefined) return compose(executor.explain(plan, this.state.context));
      return executor.explainAsync(plan, this.state.context, mode).then(compose, unavailable);
    } catch (err) {
      return unavailable(err);
    }
  }

  toString(): string {
    return `DataFrame[${this.dtypes.map(([n, t]) => `${n}: ${t}`).join(", ")}]`;
  }
}

export type { GroupedData };
