// The distributed plan: stages of per-partition logical fragments joined by exchanges and gathers.
// It is coordinator-side only (fragments are built by small closures); workers receive plain logical plans.
import { Aggregate, field, Scan, schema as makeSchema, type Expr, type LogicalPlan, type ScanNode, type Schema, type SortOrder, type ValuesNode } from "@lgde/core";
import { LEAF_FORMAT_PREFIX, type PartialStep } from "../wire.js";

/** Rewrites one partition's fragment (e.g. wraps it in a Filter). */
export type Wrap = (input: LogicalPlan) => LogicalPlan;
/** Combines one partition of each side (e.g. a Join of the two). */
export type Combine = (left: LogicalPlan, right: LogicalPlan) => LogicalPlan;

export type DPlan =
  /** One partition per group of source partitions, read inside the workers. */
  | { readonly kind: "scan"; readonly scan: ScanNode; readonly schema: Schema }
  /** In-memory rows, split into contiguous slices. */
  | { readonly kind: "values"; readonly node: ValuesNode; readonly schema: Schema }
  /** The same rewrite applied to every partition, in the same worker task (a pipeline). */
  | { readonly kind: "map"; readonly input: DPlan; readonly label: string; readonly wrap: Wrap; readonly schema: Schema }
  /**
   * The partitions of every input, one after the other; `aligned`: every input is hash-partitioned
   * alike into the executor's buckets, and partition i is the rows of every input's partition i.
   */
  | { readonly kind: "union"; readonly inputs: readonly DPlan[]; readonly aligned: boolean; readonly schema: Schema }
  /**
   * Hash repartitioning on `keys` (over the output's columns); `partial`: an adaptive partial distinct
   * or aggregation first (the output is then the partial aggregate's).
   */
  | { readonly kind: "exchange"; readonly input: DPlan; readonly keys: readonly Expr[]; readonly partial: PartialStep | null; readonly schema: Schema }
  /** Everything into one partition on the coordinator, in partition order; optionally sorted (merge) and limited (early stop). */
  | { readonly kind: "gather"; readonly input: DPlan; readonly orders: readonly SortOrder[] | null; readonly limit: number | null; readonly schema: Schema }
  /** Co-partitioned inputs (both hash-exchanged on matching keys, or both gathered), combined partition by partition. */
  | { readonly kind: "zip"; readonly left: DPlan; readonly right: DPlan; readonly label: string; readonly combine: Combine; readonly schema: Schema }
  /** The small side gathered once and shared with every partition of the other side. */
  | { readonly kind: "broadcast"; readonly left: DPlan; readonly right: DPlan; readonly small: "left" | "right"; readonly label: string; readonly combine: Combine; readonly schema: Schema }
  /**
   * A sub-plan read from several places of the query (a DataFrame used twice): computed once, its
   * partitions kept in shared memory for every reader. Every reader holds this same node.
   */
  | { readonly kind: "cache"; readonly id: number; readonly input: DPlan; readonly consumers: number; readonly schema: Schema };

export type DPlanKind = DPlan["kind"];

/** The same schema with every field nullable: partitions of one stage may differ in nullability. */
export function nullableSchema(s: Schema): Schema {
  return makeSchema(s.fields.map((f) => (f.nullable ? f : field(f.name, f.type, true))));
}

/** The scan that stands for a leaf of a fragment; a worker's registry serves it. */
export function leafScan(id: string, s: Schema, description: string): ScanNode {
  return Scan.create({ format: LEAF_FORMAT_PREFIX + id, options: {}, schema: nullableSchema(s), description });
}

export const D = Object.freeze({
  scan: (scan: ScanNode): DPlan => ({ kind: "scan", scan, schema: scan.schema }),
  values: (node: ValuesNode): DPlan => ({ kind: "values", node, schema: node.schema }),
  map: (input: DPlan, label: string, wrap: Wrap): DPlan => ({
    kind: "map", input, label, wrap, schema: wrap(leafScan("schema", input.schema, "schema")).schema,
  }),
  union: (inputs: readonly DPlan[], schema: Schema, aligned = false): DPlan => ({ kind: "union", inputs, aligned, schema }),
  exchange: (input: DPlan, keys: readonly Expr[], partial: PartialStep | null = null): DPlan => ({
    kind: "exchange", input, keys, partial,
    schema: partial?.kind === "aggregate" ? Aggregate.create(leafScan("schema", input.schema, "schema"), partial.groupBy, partial.aggregates).schema : input.schema,
  }),
  gather: (input: DPlan, orders: readonly SortOrder[] | null = null, limit: number | null = null): DPlan => ({
    kind: "gather", input, orders, limit, schema: input.schema,
  }),
  zip: (left: DPlan, right: DPlan, label: string, combine: Combine): DPlan => ({
    kind: "zip", left, right, label, combine,
    schema: combine(leafScan("l", left.schema, "l"), leafScan("r", right.schema, "r")).schema,
  }),
  cache: (id: number, input: DPlan, consumers: number): DPlan => ({ kind: "cache", id, input, consumers, schema: input.schema }),
  broadcast: (left: DPlan, right: DPlan, small: "left" | "right", label: string, combine: Combine): DPlan => ({
    kind: "broadcast", left, right, small, label, combine,
    schema: combine(leafScan("l", left.schema, "l"), leafScan("r", right.schema, "r")).schema,
  }),
});
