// Project: one output column per expression, named by its alias or Spark's automatic name.
import { AnalysisError } from "../../errors.js";
import type { Expr } from "../../expr/expr.js";
import { containsAggregate, exprName, exprType } from "../../expr/resolve.js";
import { field, schema as makeSchema } from "../../types/data-type.js";
import type { LogicalPlan, ProjectNode } from "../plan.js";

export const Project = Object.freeze({
  create(input: LogicalPlan, exprs: readonly Expr[]): ProjectNode {
    const fields = exprs.map((e) => {
      if (containsAggregate(e)) {
        throw new AnalysisError(`aggregate ${exprName(e)} is not allowed in a projection; use groupBy(...).agg(...) or agg(...)`);
      }
      const t = exprType(e, input.schema);
      return field(exprName(e), t.type, t.nullable);
    });
    return Object.freeze({ kind: "project", input, exprs: Object.freeze([...exprs]), schema: makeSchema(fields) });
  },
  is(plan: LogicalPlan): plan is ProjectNode {
    return plan.kind === "project";
  },
});
