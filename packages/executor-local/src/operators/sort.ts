// Full, stable, multi-key sort; with `limit` (a Sort under a Limit) it keeps only the top rows
// while consuming its input (a threshold filter per batch, then a small sort).
import type { Schema } from "@lgde/core";
import { evaluate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { crossRowComparator, sortIndices, type SortKey } from "../kernels/compare.js";
import { IntList } from "../kernels/builder.js";
import { concatChunks, takeChunk } from "../kernels/select.js";
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

function sortKeys(node: SortExec, c: Chunk, rt: RuntimeContext): SortKey[] {
  return node.orders.map((o) => ({ vec: evaluate(o.expr, c, rt.eval), ascending: o.ascending, nullsFirst: o.nullsFirst }));
}

function sorted(node: SortExec, c: Chunk, rt: RuntimeContext, keys: readonly SortKey[] = sortKeys(node, c, rt)): Chunk {
  let idx = sortIndices(keys, c.length);
  if (node.limit !== null && idx.length > node.limit) idx = idx.subarray(0, node.limit);
  return takeChunk(c, idx);
}

/**
 * Top-N in one pass: keeps the best `limit` rows seen so far; a new row is only a candidate when it
 * sorts strictly before the current last of them (on a tie the earlier row wins, as in a stable
 * sort), so after the first batches most rows cost one comparison instead of a sort.
 */
async function* topN(node: SortExec, limit: number, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const types = node.schema.fields.map((f) => f.type);
  let top: Chunk | null = null;
  let topKeys: SortKey[] = [];
  for await (const c of rt.run(node.input)) {
    if (c.length === 0 || limit === 0) continue;
    let rows = c;
    if (top !== null && top.length >= limit) {
      const keys = sortKeys(node, c, rt);
      const cmp = crossRowComparator(keys, topKeys);
      const last = top.length - 1;
      const keep = new IntList();
      for (let i = 0; i < c.length; i++) if (cmp(i, last) < 0) keep.push(i);
      if (keep.length === 0) continue;
      rows = takeChunk(c, keep.view());
    }
    top = sorted(node, top === null ? rows : concatChunks(types, [top, rows]), rt);
    topKeys = sortKeys(node, top, rt);
  }
  if (top !== null) yield* slices(top, rt.batchSize);
}

export async function* executeSort(node: SortExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  if (node.limit !== null) { yield* topN(node, node.limit, rt); return; }
  const types = node.schema.fields.map((f) => f.type);
  const buffered: Chunk[] = [];
  for await (const c of rt.run(node.input)) buffered.push(c);
  if (buffered.length === 0) return;
  yield* slices(sorted(node, concatChunks(types, buffered), rt), rt.batchSize);
}
