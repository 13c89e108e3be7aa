// Aggregate: group columns then aggregate outputs; no group keys gives exactly one row.
import { AnalysisError } from "../../errors.js";
import type { Expr } from "../../expr/expr.js";
import { containsAggregate, exprChildren, exprName, exprType } from "../../expr/resolve.js";
import { field, schema as makeSchema } from "../../types/data-type.js";
import type { AggregateNode, LogicalPlan } from "../plan.js";

/** Whether every column read outside aggregate calls is (part of) a grouping expression, as Spark requires. */
function onlyGroupedColumns(e: Expr, groupNames: ReadonlySet<string>): boolean {
  if (e.kind === "aggregate" || groupNames.has(exprName(e))) return true;
  if (e.kind === "column") return false;
  return exprChildren(e).every((c) => onlyGroupedColumns(c, groupNames));
}

export const Aggregate = Object.freeze({
  create(input: LogicalPlan, groupBy: readonly Expr[], aggregates: readonly Expr[]): AggregateNode {
    const groupFields = groupBy.map((g) => {
      if (containsAggregate(g)) throw new AnalysisError(`aggregate ${exprName(g)} cannot be a grouping key`);
      const t = exprType(g, input.schema);
      return field(exprName(g), t.type, t.nullable);
    });
    const groupNames = new Set(groupBy.map((g) => exprName(g.kind === "alias" ? g.input : g)).concat(groupFields.map((f) => f.name)));
    const aggFields = aggregates.map((a) => {
      if (!onlyGroupedColumns(a.kind === "alias" ? a.input : a, groupNames)) {
        throw new AnalysisError(
          `expression ${exprName(a)} is neither an aggregate nor a grouping key; grouping keys: ${[...groupNames].join(", ") || "(none)"}`,
        );
      }
      const t = exprType(a, input.schema);
      return field(exprName(a), t.type, t.nullable);
    });
    return Object.freeze({
      kind: "aggregate",
      input,
      groupBy: Object.freeze([...groupBy]),
      aggregates: Object.freeze([...aggregates]),
      schema: makeSchema([...groupFields, ...aggFields]),
    });
  },
  is(plan: LogicalPlan): plan is AggregateNode {
    return plan.kind === "aggregate";
  },
});
