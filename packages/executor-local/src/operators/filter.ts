// Keeps the rows where the predicate is true (null is false).
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
  readonly schema: Schema;
}

export async function* executeFilter(node: FilterExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  for await (const c of rt.run(node.input)) {
    const out = filterChunk(c, evaluatePredicate(node.predicate, c, rt.eval));
    if (out.length > 0) yield out;
  }
}
