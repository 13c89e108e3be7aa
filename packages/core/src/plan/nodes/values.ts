// Values: rows held in memory as Arrow record batches.
import type * as arrow from "apache-arrow";
import type { Schema } from "../../types/data-type.js";
import type { LogicalPlan, ValuesNode } from "../plan.js";

export const Values = Object.freeze({
  create(batches: readonly arrow.RecordBatch[], schema: Schema): ValuesNode {
    return Object.freeze({ kind: "values", batches: Object.freeze([...batches]), schema });
  },
  /** Total rows held. */
  rowCount(node: ValuesNode): number {
    return node.batches.reduce((n, b) => n + b.numRows, 0);
  },
  is(plan: LogicalPlan): plan is ValuesNode {
    return plan.kind === "values";
  },
});
