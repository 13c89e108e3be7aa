// Keeps the rows where the predicate is true (null is false); with `columns`, only those columns
// (a projection above reads no others: the rest are not copied).
import type { Schema } from "@lgde/core";
import { evaluatePredicate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { filterChunk } from "../kernels/select.js";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";

export interface FilterExec {
  readonly kind: "filter";
  readonly input: PhysicalPlan;
  readonly predicate: PExpr;
  /** The input columns kept (their order), or null for all; the predicate reads the input's. */
  readonly columns: readonly number[] | null;
  readonly schema: Schema;
}

export async function* executeFilter(node: FilterExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  for await (const c of rt.run(node.input)) {
    const mask = evaluatePredicate(node.predicate, c, rt.eval);
    const kept = node.columns === null ? c : { columns: node.columns.map((i) => c.columns[i]!), length: c.length };
    const out = filterChunk(kept, mask);
    if (out.length > 0) yield out;
  }
}
