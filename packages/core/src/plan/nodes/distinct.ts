// Distinct: distinct() over all columns, or dropDuplicates(columns) keeping the first row per key.
import { AnalysisError } from "../../errors.js";
import { resolveColumn } from "../../expr/resolve.js";
import type { DistinctNode, LogicalPlan } from "../plan.js";

export const Distinct = Object.freeze({
  create(input: LogicalPlan, columns: readonly string[] | null = null): DistinctNode {
    if (columns !== null) {
      if (columns.length === 0) throw new AnalysisError("dropDuplicates needs at least one column (or none at all for every column)");
      for (const c of columns) resolveColumn(input.schema, c);
    }
    return Object.freeze({
      kind: "distinct", input, columns: columns === null ? null : Object.freeze([...columns]), schema: input.schema,
    });
  },
  is(plan: LogicalPlan): plan is DistinctNode {
    return plan.kind === "distinct";
  },
});
