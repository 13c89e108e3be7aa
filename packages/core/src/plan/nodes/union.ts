// Union: UNION ALL by position; names come from the first input.
import type { LogicalPlan, UnionNode } from "../plan.js";
import { setOperationSchema } from "./set-schema.js";

export const Union = Object.freeze({
  create(inputs: readonly LogicalPlan[]): UnionNode {
    const schema = setOperationSchema("union", inputs.map((i) => i.schema), true);
    return Object.freeze({ kind: "union", inputs: Object.freeze([...inputs]), schema });
  },
  is(plan: LogicalPlan): plan is UnionNode {
    return plan.kind === "union";
  },
});
