// A sub-plan read from several places of one query (a DataFrame used twice), computed once: the
// first reader streams it while it is kept, later readers replay what was kept, and the last reader
// releases it. Spark calls the same idea ReusedExchange.
import type { Schema } from "@lgde/core";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";

export interface SharedExec {
  readonly kind: "shared";
  /** Identifies the sub-plan within its query; every place that reads it holds this same node. */
  readonly id: number;
  readonly input: PhysicalPlan;
  /** How many places read it; the last one releases the kept rows. */
  readonly consumers: number;
  readonly schema: Schema;
}

/** The kept rows of one shared sub-plan while its query runs. */
export interface SharedState {
  chunks: Chunk[];
  complete: boolean;
  producing: boolean;
  reads: number;
}

export async function* executeShared(node: SharedExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  let state = rt.shared.get(node.id);
  if (state === undefined) {
    state = { chunks: [], complete: false, producing: false, reads: 0 };
    rt.shared.set(node.id, state);
  }
  state.reads++;
  const last = state.reads >= node.consumers;
  if (state.complete) {
    const chunks = state.chunks;
    if (last) rt.shared.delete(node.id);
    yield* chunks;
    return;
  }
  // Read again while the first reader is still producing it (both sides of one operator pulled in
  // turn): compute it again rather than wait, which could deadlock.
  if (state.producing) {
    yield* rt.run(node.input);
    return;
  }
  state.producing = true;
  const keep = !last;
  let finished = false;
  try {
    for await (const c of rt.run(node.input)) {
      if (keep) state.chunks.push(c);
      yield c;
    }
    finished = true;
  } finally {
    state.producing = false;
    // A reader that stopped early (a limit) leaves nothing half kept: the next reader produces it again.
    if (finished && keep) state.complete = true;
    else state.chunks = [];
  }
}
