// In-memory rows (createDataFrame) as IPC in shared memory, encoded once per Values node.
import type * as arrow from "apache-arrow";
import type { Schema, ValuesNode } from "@lgde/core";
import { encodeBatches, restamp } from "../kernels/ipc.js";
import { wireSchema } from "../worker/run-task.js";

// Held while the node is: a DataFrame's rows stay encoded as long as the DataFrame is reachable.
const valuesCache = new WeakMap<ValuesNode, Map<number, (Uint8Array | null | undefined)[]>>();

/**
 * The IPC form of slice `slice` (of `k`) of a Values node, in shared memory. In-memory rows
 * (createDataFrame) are queried again and again: each slice is encoded once, instead of on the
 * coordinator thread for every query, and shared with the workers without a copy.
 */
export function sharedSlices(node: ValuesNode, k: number): (slice: number, batches: readonly arrow.RecordBatch[], s: Schema) => Uint8Array | null {
  let byK = valuesCache.get(node);
  if (byK === undefined) valuesCache.set(node, (byK = new Map()));
  let slots = byK.get(k);
  if (slots === undefined) byK.set(k, (slots = new Array<Uint8Array | null | undefined>(k).fill(undefined)));
  const cache = slots;
  return (slice, batches, s) => {
    let b = cache[slice];
    if (b === undefined) {
      const schema = wireSchema(s);
      b = batches.length === 0 ? null : encodeBatches(schema, batches.map((x) => restamp(x, schema)), true);
      cache[slice] = b;
    }
    return b;
  };
}
