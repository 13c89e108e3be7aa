// Except: EXCEPT DISTINCT, Spark's subtract.
import type { ExceptNode, LogicalPlan } from "../plan.js";
import { setOperationSchema } from "./set-schema.js";

export const Except = Object.freeze({
  create(left: LogicalPlan, right: LogicalPlan): ExceptNode {
    const schema = setOperationSchema("subtract", [left.schema, right.schema], false);
    return Object.freeze({ kind: "except", left, right, schema });
  },
  is(plan: LogicalPlan): plan is ExceptNode {
    return plan.kind === "except";
  },
});
