// EXCEPT DISTINCT (Spark's subtract): distinct left rows absent from right; nulls compare equal.
import type { Schema } from "@lgde/core";
import { GroupTable } from "../kernels/hash.js";
import { takeChunk } from "../kernels/select.js";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";
import { conform } from "./conform.js";
import { firstOccurrences } from "./distinct.js";

export interface ExceptExec {
  readonly kind: "except";
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
  readonly schema: Schema;
}

export async function* executeExcept(node: ExceptExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const types = node.schema.fields.map((f) => f.type);
  const right = new GroupTable(types, false);
  for await (const c of rt.run(node.right)) right.assign(conform(c, node.schema, rt.eval).columns, c.length);
  const emitted = new GroupTable(types, false);
  for await (const raw of rt.run(node.left)) {
    const c = conform(raw, node.schema, rt.eval);
    const found = right.lookup(c.columns, c.length);
    const keep: number[] = [];
    for (let i = 0; i < c.length; i++) if (found[i] === -1) keep.push(i);
    if (keep.length === 0) continue;
    const candidates = takeChunk(c, Int32Array.from(keep));
    const idx = firstOccurrences(emitted, candidates, null);
    if (idx.length > 0) yield idx.length === candidates.length ? candidates : takeChunk(candidates, idx);
  }
}
