// Messages between the coordinator and its workers: JSON-safe plans plus Arrow IPC buffers.
import type { Expr, LogicalPlan, OperatorMetrics, Plugin, PluginModule, SourcePartition } from "@lgde/core";

/** The format prefix of the scans that stand for a fragment's leaves (`__lgde_leaf:<id>`). */
export const LEAF_FORMAT_PREFIX = "__lgde_leaf:";

/** The modules a worker rebuilds the session's plugins from (plugins without one stay on the coordinator). */
export function pluginModules(plugins: readonly Plugin[] | undefined): PluginModule[] {
  return (plugins ?? []).flatMap((p) => (p.module ? [p.module] : []));
}

/** How a worker gets the rows of one leaf. */
export type WireLeaf =
  /** Read by the worker itself: these partitions of the real source `format`. */
  | { readonly kind: "source"; readonly format: string; readonly partitions: readonly SourcePartition[] }
  /**
   * Rows already computed elsewhere, as IPC streams (transferred, or shared for broadcasts). Inside
   * the worker, entries already read are set to null when the fragment scans this leaf only once.
   */
  | { readonly kind: "ipc"; readonly buffers: readonly Uint8Array[] };

/** What a task does with its fragment's output. */
export type TaskOutput =
  /** Every row as one IPC stream; `shared`: in shared memory (a cached sub-plan or broadcast, read by many tasks). */
  | { readonly kind: "collect"; readonly shared?: boolean }
  /**
   * Hash-partition on `keys` (evaluated over the output, after `partial`) into `buckets` IPC streams.
   */
  | { readonly kind: "hash"; readonly keys: readonly Expr[]; readonly buckets: number; readonly partial?: SampledStep };

/**
 * Work done before an exchange when a sample shows that it pays; the receiving side finishes it anyway.
 * - distinct: duplicates (on `columns`, all when null) are dropped;
 * - aggregate: rows are aggregated into partial states (`groupBy` and `aggregates`: aliased, each
 *   aggregate one call); when that reduces little, each row is turned into the state of itself.
 */
export type PartialStep =
  | { readonly kind: "distinct"; readonly columns: readonly string[] | null }
  | { readonly kind: "aggregate"; readonly groupBy: readonly Expr[]; readonly aggregates: readonly Expr[] };

/** A partial step as a task receives it: with the rows to sample before deciding (`workers({ partialSampleRows })`). */
export type SampledStep = PartialStep & { readonly sampleRows: number };

/** One fragment to run in a worker. */
export interface TaskMessage {
  readonly plan: LogicalPlan;
  readonly leaves: { readonly [id: string]: WireLeaf };
  readonly output: TaskOutput;
  readonly timeZone: string;
  readonly batchSize: number;
  readonly plugins: readonly PluginModule[];
  readonly metrics: boolean;
  /**
   * The query's cancellation flag in shared memory (1: cancelled): a task that starts after its query
   * failed or stopped returns at once. Running tasks are never terminated for it, since terminating a
   * thread while it loads modules can abort the whole process (a V8 fatal error in Node 20).
   */
  readonly cancelled: Int32Array;
}

/** An error from inside a worker, rebuilt on the coordinator with the same class name and message. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** What a task gives back: one IPC buffer per bucket (null when empty), or the collected rows. */
export type TaskResult =
  | { readonly ok: true; readonly buffers: readonly (Uint8Array | null)[]; readonly rows: number; readonly metrics: readonly OperatorMetrics[] }
  | { readonly ok: false; readonly error: WireError };
