// Running a frame's plan: optimize, hand to the session's executor, gather batches.
import type * as arrow from "apache-arrow";
import { optimize } from "../optimizer/index.js";
import type { LogicalPlan } from "../plan/plan.js";
import type { SessionState } from "../session/state.js";

/** The optimized plan, with the session's disabled rules. */
export function optimizedPlan(state: SessionState, plan: LogicalPlan): LogicalPlan {
  return optimize(plan, { disabledRules: [...state.disabledRules] });
}

/** Streams the plan's result batches from the session's executor. */
export function executePlan(state: SessionState, plan: LogicalPlan): AsyncIterable<arrow.RecordBatch> {
  const executor = state.executor();
  return executor.execute(optimizedPlan(state, plan), state.context);
}

/** Every result batch, in order. */
export async function collectBatches(state: SessionState, plan: LogicalPlan): Promise<arrow.RecordBatch[]> {
  const out: arrow.RecordBatch[] = [];
  for await (const b of executePlan(state, plan)) out.push(b);
  return out;
}
