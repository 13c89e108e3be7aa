// What a DataFrame needs from its session, kept apart so dataframe/ and session/ do not import each other.
import type { ExecutionContext, Executor } from "../execution/executor.js";

/** The session as DataFrames see it. */
export interface SessionState {
  readonly timeZone: string;
  /** The executor, or an Error explaining how to configure one. */
  executor(): Executor;
  /** The context handed to every execution (zone, sources, batch size, progress listener). */
  readonly context: ExecutionContext;
  /** Optimizer rules disabled by configuration (`spark.lgde.optimizer.disabledRules`). */
  readonly disabledRules: readonly string[];
}
