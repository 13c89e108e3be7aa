// Returns the first n rows and stops pulling its input.
import type { Schema } from "@lgde/core";
import { sliceChunk } from "../kernels/select.js";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";

export interface LimitExec {
  readonly kind: "limit";
  readonly input: PhysicalPlan;
  readonly n: number;
  readonly schema: Schema;
}

export async function* executeLimit(node: LimitExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  let left = node.n;
  if (left <= 0) return;
  // Leaving the loop early calls return() on the upstream generators, which stops them.
  for await (const c of rt.run(node.input)) {
    if (c.length >= left) { yield sliceChunk(c, 0, left); return; }
    left -= c.length;
    yield c;
  }
}
