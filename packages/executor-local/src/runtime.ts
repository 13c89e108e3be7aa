// What operators receive while running: the query context, evaluation context and a way to run children.
import type { ExecutionContext } from "@lgde/core";
import type { EvalContext } from "./eval/context.js";
import type { Chunk } from "./kernels/vector.js";
import type { PhysicalPlan } from "./physical-plan.js";
import type { SharedState } from "./operators/shared.js";

export interface RuntimeContext {
  readonly exec: ExecutionContext;
  readonly eval: EvalContext;
  readonly batchSize: number;
  /** The kept rows of sub-plans read from several places (operators/shared.ts), by id. */
  readonly shared: Map<number, SharedState>;
  /** Runs a child plan (through the metrics wrapper). */
  run(plan: PhysicalPlan): AsyncIterable<Chunk>;
}

/** Throws if the query was cancelled. */
export function checkAbort(rt: RuntimeContext): void {
  if (rt.exec.signal?.aborted) throw rt.exec.signal.reason ?? new Error("query aborted");
}
