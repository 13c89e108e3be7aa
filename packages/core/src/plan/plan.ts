// Logical plan nodes: frozen plain data with a `kind`; each carries its output schema.
import type * as arrow from "apache-arrow";
import type { Expr, SortOrder } from "../expr/expr.js";
import type { Schema } from "../types/data-type.js";
import type { JsonValue } from "../execution/json.js";

/**
 * A reference to an external source, resolved once (schema known) and serializable, so that a
 * worker can reopen it. `format` selects the `SourceProvider` registered in the session.
 */
export interface SourceRef {
  readonly format: string;
  /** Format-specific, JSON-safe options (paths, url, table, csv options, ...). */
  readonly options: { readonly [key: string]: JsonValue };
  /** The full schema of the source, before projection. */
  readonly schema: Schema;
  /** A short human description for `explain()`, e.g. `parquet /tmp/target/user/20201025`. */
  readonly description: string;
}

/** Reads a source. `projection` (names, in source order) and `filters` are pushed down by the optimizer. */
export interface ScanNode {
  readonly kind: "scan";
  readonly source: SourceRef;
  /** Columns to read, or null for all. The output schema is the source schema restricted to these. */
  readonly projection: readonly string[] | null;
  /** Conjuncts pushed into the scan. Sources may use them to skip data; the executor still applies them. */
  readonly filters: readonly Expr[];
  readonly schema: Schema;
}

/** Rows held in memory (from `createDataFrame`). Not JSON-safe; workers receive it as Arrow IPC. */
export interface ValuesNode {
  readonly kind: "values";
  readonly batches: readonly arrow.RecordBatch[];
  readonly schema: Schema;
}

/** Computes one output column per expression; each output's name is the expression's name. */
export interface ProjectNode {
  readonly kind: "project";
  readonly input: LogicalPlan;
  readonly exprs: readonly Expr[];
  readonly schema: Schema;
}

export interface FilterNode {
  readonly kind: "filter";
  readonly input: LogicalPlan;
  readonly predicate: Expr;
  readonly schema: Schema;
}

/** Groups by `groupBy` (may be empty: one output row) and computes `aggregates` (each an aggregate call, maybe aliased, maybe inside scalar expressions). Output: group columns then aggregates. */
export interface AggregateNode {
  readonly kind: "aggregate";
  readonly input: LogicalPlan;
  readonly groupBy: readonly Expr[];
  readonly aggregates: readonly Expr[];
  readonly schema: Schema;
}

export type JoinType = "inner" | "left" | "right" | "full" | "semi" | "anti" | "cross";

/**
 * Joins two inputs. With `using`, the named key columns appear once (coalesced for full joins)
 * followed by the other columns of left then right; otherwise left's columns then right's.
 * Semi and anti joins output only left's columns.
 */
export interface JoinNode {
  readonly kind: "join";
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly how: JoinType;
  /** The join condition over the combined columns, or null (cross join, or `using` only). */
  readonly on: Expr | null;
  /** Key column names present on both sides (PySpark's `on="k"` / `on=["a","b"]`), or empty. */
  readonly using: readonly string[];
  readonly schema: Schema;
}

/** `distinct()` when `columns` is null; `dropDuplicates(columns)` keeps the first row seen per key. */
export interface DistinctNode {
  readonly kind: "distinct";
  readonly input: LogicalPlan;
  readonly columns: readonly string[] | null;
  readonly schema: Schema;
}

/** UNION ALL by position (Spark's `union`); `unionByName` is built as a projection of the right side. */
export interface UnionNode {
  readonly kind: "union";
  readonly inputs: readonly LogicalPlan[];
  readonly schema: Schema;
}

/** EXCEPT DISTINCT (Spark's `subtract`): distinct rows of left not in right; nulls compare equal. */
export interface ExceptNode {
  readonly kind: "except";
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly schema: Schema;
}

export interface SortNode {
  readonly kind: "sort";
  readonly input: LogicalPlan;
  readonly orders: readonly SortOrder[];
  readonly schema: Schema;
}

export interface LimitNode {
  readonly kind: "limit";
  readonly input: LogicalPlan;
  readonly n: number;
  readonly schema: Schema;
}

/** Every logical plan node. Switches over `kind` must be exhaustive (no `default:`). */
export type LogicalPlan =
  | ScanNode | ValuesNode | ProjectNode | FilterNode | AggregateNode | JoinNode
  | DistinctNode | UnionNode | ExceptNode | SortNode | LimitNode;

export type PlanKind = LogicalPlan["kind"];

/** The node type of a kind. */
export type PlanOfKind<K extends PlanKind> = Extract<LogicalPlan, { kind: K }>;
