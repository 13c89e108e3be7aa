// Computes one column per expression.
import type { Schema } from "@lgde/core";
import { evaluate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";

export interface ProjectExec {
  readonly kind: "project";
  readonly input: PhysicalPlan;
  /** Typed as the schema's fields (the planner adds casts). */
  readonly exprs: readonly PExpr[];
  readonly schema: Schema;
}

export async function* executeProject(node: ProjectExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  for await (const c of rt.run(node.input)) {
    yield { columns: node.exprs.map((e) => evaluate(e, c, rt.eval)), length: c.length };
  }
}
