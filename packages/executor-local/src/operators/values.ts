// In-memory batches (createDataFrame), re-sliced to the batch size.
import type * as arrow from "apache-arrow";
import type { Schema } from "@lgde/core";
import { chunkFromBatch } from "../kernels/arrow.js";
import type { Chunk } from "../kernels/vector.js";
import type { RuntimeContext } from "../runtime.js";
import { slices } from "./conform.js";

export interface ValuesExec {
  readonly kind: "values";
  readonly batches: readonly arrow.RecordBatch[];
  readonly schema: Schema;
}

export async function* executeValues(node: ValuesExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  for (const batch of node.batches) {
    yield* slices(chunkFromBatch(batch, node.schema), rt.batchSize);
  }
}
