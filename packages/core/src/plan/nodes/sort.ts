// Sort: total order by the given keys; stable for equal keys.
import { AnalysisError } from "../../errors.js";
import type { SortOrder } from "../../expr/expr.js";
import { containsAggregate, exprName, exprType } from "../../expr/resolve.js";
import type { LogicalPlan, SortNode } from "../plan.js";

export const Sort = Object.freeze({
  create(input: LogicalPlan, orders: readonly SortOrder[]): SortNode {
    if (orders.length === 0) throw new AnalysisError("orderBy needs at least one column");
    for (const o of orders) {
      if (containsAggregate(o.expr)) throw new AnalysisError(`aggregate in sort key ${exprName(o.expr)}`);
      exprType(o.expr, input.schema);
    }
    return Object.freeze({ kind: "sort", input, orders: Object.freeze(orders.map((o) => Object.freeze({ ...o }))), schema: input.schema });
  },
  is(plan: LogicalPlan): plan is SortNode {
    return plan.kind === "sort";
  },
});
