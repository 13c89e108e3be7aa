// Limit: the first n rows.
import { AnalysisError } from "../../errors.js";
import type { LimitNode, LogicalPlan } from "../plan.js";

export const Limit = Object.freeze({
  create(input: LogicalPlan, n: number): LimitNode {
    if (!Number.isInteger(n) || n < 0) throw new AnalysisError(`limit must be a non-negative integer, got ${n}`);
    return Object.freeze({ kind: "limit", input, n, schema: input.schema });
  },
  is(plan: LogicalPlan): plan is LimitNode {
    return plan.kind === "limit";
  },
});
