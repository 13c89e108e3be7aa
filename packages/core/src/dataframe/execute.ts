// Running a frame's plan: optimize (unless the executor optimizes itself), hand to the session's executor, gather batches.
import type * as arrow from "apache-arrow";
import type { Executor } from "../execution/executor.js";
import { optimize } from "../optimizer/index.js";
import type { LogicalPlan } from "../plan/plan.js";
import type { SessionState } from "../session/state.js";

/** The optimized plan, with the session's disabled rules. */
export function optimizedPlan(state: SessionState, plan: LogicalPlan): LogicalPlan {
  return optimize(plan, { disabledRules: [...state.disabledRules] });
}

/**
 * The plan the executor receives: optimized by ours, or as built when the executor optimizes
 * itself (`wantsUnoptimizedPlan`, e.g. Spark's Catalyst), so it sees the user's plan.
 */
export function planForExecutor(state: SessionState, executor: Executor, plan: LogicalPlan): LogicalPlan {
  return executor.wantsUnoptimizedPlan === true ? plan : optimizedPlan(state, plan);
}

/** Streams the plan's result batches from the session's executor. */
export function executePlan(state: SessionState, plan: LogicalPlan): AsyncIterable<arrow.RecordBatch> {
  const executor = state.executor();
  return executor.execute(planForExecutor(state, executor, plan), state.context);
}

/** Every result batch, in order. */
export async function collectBatches(state: SessionState, plan: LogicalPlan): Promise<arrow.RecordBatch[]> {
  const out: arrow.RecordBatch[] = [];
  for await (const b of executePlan(state, plan)) out.push(b);
  return out;
}
