// UNION ALL by position: each input's batches in turn, cast to the union's column types.
import type { Schema } from "@lgde/core";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";
import { conform } from "./conform.js";

export interface UnionExec {
  readonly kind: "union";
  readonly inputs: readonly PhysicalPlan[];
  readonly schema: Schema;
}

export async function* executeUnion(node: UnionExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  for (const input of node.inputs) {
    for await (const c of rt.run(input)) yield conform(c, node.schema, rt.eval);
  }
}
