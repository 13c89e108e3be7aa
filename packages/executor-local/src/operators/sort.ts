// Full, stable, multi-key sort; with `limit` (a Sort under a Limit) it keeps only the top rows
// while consuming its input.
import type { Schema } from "@lgde/core";
import { evaluate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { sortIndices } from "../kernels/compare.js";
import { concatChunks, sliceChunk, takeChunk } from "../kernels/select.js";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";
import { slices } from "./conform.js";

export interface SortExec {
  readonly kind: "sort";
  readonly input: PhysicalPlan;
  readonly orders: readonly { readonly expr: PExpr; readonly ascending: boolean; readonly nullsFirst: boolean }[];
  /** Only the first `limit` rows are needed (top-N), or null. */
  readonly limit: number | null;
  readonly schema: Schema;
}

function sorted(node: SortExec, c: Chunk, rt: RuntimeContext): Chunk {
  const keys = node.orders.map((o) => ({ vec: evaluate(o.expr, c, rt.eval), ascending: o.ascending, nullsFirst: o.nullsFirst }));
  let idx = sortIndices(keys, c.length);
  if (node.limit !== null && idx.length > node.limit) idx = idx.subarray(0, node.limit);
  return takeChunk(c, idx);
}

export async function* executeSort(node: SortExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const types = node.schema.fields.map((f) => f.type);
  let buffered: Chunk[] = [];
  let rows = 0;
  const compactAt = node.limit === null ? Infinity : Math.max(2 * node.limit, rt.batchSize);
  for await (const c of rt.run(node.input)) {
    buffered.push(c);
    rows += c.length;
    if (rows > compactAt) {
      // Top-N: sorting keeps relative order of ties, so earlier rows still win ties later.
      const top = sorted(node, concatChunks(types, buffered), rt);
      buffered = [top];
      rows = top.length;
    }
  }
  if (buffered.length === 0) return;
  const all = sorted(node, concatChunks(types, buffered), rt);
  yield* slices(node.limit === null ? all : sliceChunk(all, 0, Math.min(all.length, node.limit)), rt.batchSize);
}
