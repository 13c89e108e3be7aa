// The single-threaded executor: plans physically and streams the operators in this thread.
import type { ExecutionContext, Executor, LogicalPlan } from "@lgde/core";
import { executePhysical } from "./execute.js";
import { explainPhysical } from "./explain.js";
import { planPhysicalWithReuse } from "./physical-reuse.js";

/** Options of `local()`. */
export interface LocalExecutorOptions {
  /** Overrides the session's batch size. */
  readonly batchSize?: number;
  /** Collect per-operator metrics even without an `onMetrics` listener (default: only with one). */
  readonly metrics?: boolean;
}

/**
 * The single-threaded vectorized executor.
 * @example
 * const spark = Session.builder().executor(local()).getOrCreate();
 */
export function local(options: LocalExecutorOptions = {}): Executor {
  const withOptions = (ctx: ExecutionContext): ExecutionContext =>
    options.batchSize === undefined ? ctx : { ...ctx, batchSize: options.batchSize };
  return Object.freeze({
    name: "local",
    execute(plan: LogicalPlan, ctx: ExecutionContext) {
      const physical = planPhysicalWithReuse(plan);
      return executePhysical(physical, withOptions(ctx), options.metrics === undefined ? {} : { metrics: options.metrics });
    },
    explain(plan: LogicalPlan) {
      return explainPhysical(planPhysicalWithReuse(plan));
    },
    async stop() {},
  });
}
