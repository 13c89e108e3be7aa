// Fragments: one partition's logical plan plus the leaves its placeholder scans stand for.
import type * as arrow from "apache-arrow";
import type { LogicalPlan, ScanNode, SourcePartition } from "@lgde/core";
import { LEAF_FORMAT_PREFIX } from "../wire.js";

/** Where a leaf's rows come from, on the coordinator's side. */
export type Leaf =
  /** Partitions of a source, read in the worker (`inWorker`) or, when its plugin cannot be rebuilt there, here. */
  | { readonly kind: "source"; readonly scan: ScanNode; readonly partitions: readonly SourcePartition[]; readonly inWorker: boolean }
  /** IPC streams produced by an earlier stage; `shared` ones (broadcasts) are read by many tasks. */
  | { readonly kind: "ipc"; readonly buffers: readonly Uint8Array[]; readonly shared: boolean }
  /**
   * Record batches held by the coordinator (createDataFrame rows, a merged sort). `shared`, when
   * present, gives their IPC form in shared memory, encoded once and reused by every query.
   */
  | { readonly kind: "batches"; readonly batches: readonly arrow.RecordBatch[]; readonly shared?: () => Uint8Array | null };

export interface Fragment {
  readonly plan: LogicalPlan;
  readonly leaves: ReadonlyMap<string, Leaf>;
}

let nextLeaf = 0;
/** A process-unique leaf id. */
export function newLeafId(): string {
  return String(nextLeaf++);
}

/** The leaf a fragment consists of when it is nothing but one leaf scan (no work for a worker). */
export function bareLeaf(f: Fragment): Leaf | null {
  const p = f.plan;
  if (p.kind !== "scan" || !p.source.format.startsWith(LEAF_FORMAT_PREFIX)) return null;
  const leaf = f.leaves.get(p.source.format.slice(LEAF_FORMAT_PREFIX.length));
  return leaf !== undefined && leaf.kind !== "source" ? leaf : null;
}

export function mergeLeaves(a: ReadonlyMap<string, Leaf>, b: ReadonlyMap<string, Leaf>): ReadonlyMap<string, Leaf> {
  return new Map([...a, ...b]);
}
