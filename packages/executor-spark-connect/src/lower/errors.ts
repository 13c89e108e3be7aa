// The error for a plan that cannot run on Spark through this executor.
import { AnalysisError } from "@lgde/core";

/**
 * A plan node or expression that has no Spark Connect lowering. Raised when the plan is built for
 * this executor (execute or explain), never replaced by an approximate answer.
 */
export class SparkLoweringError extends AnalysisError {
  constructor(what: string, why: string) {
    super(`spark-connect: cannot run ${what} on Spark: ${why}`);
  }
}
