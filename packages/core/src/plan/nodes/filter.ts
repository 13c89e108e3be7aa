// Filter: keeps rows whose predicate is true (null and false drop the row).
import { AnalysisError } from "../../errors.js";
import type { Expr } from "../../expr/expr.js";
import { containsAggregate, exprName, exprType } from "../../expr/resolve.js";
import type { FilterNode, LogicalPlan } from "../plan.js";

export const Filter = Object.freeze({
  create(input: LogicalPlan, predicate: Expr): FilterNode {
    if (containsAggregate(predicate)) {
      throw new AnalysisError(`aggregate in filter ${exprName(predicate)}: filter after groupBy(...).agg(...) on the aggregated column instead`);
    }
    const t = exprType(predicate, input.schema);
    if (t.type !== "bool" && t.type !== "null") {
      throw new AnalysisError(`filter condition ${exprName(predicate)} must be boolean, got ${t.type}`);
    }
    return Object.freeze({ kind: "filter", input, predicate, schema: input.schema });
  },
  is(plan: LogicalPlan): plan is FilterNode {
    return plan.kind === "filter";
  },
});
