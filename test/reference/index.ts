// The reference evaluator of core's logical plans, for property tests of executors and optimizer rules.
export { evaluate, compareWithOrder, type ReferenceOptions } from "./evaluate.js";
export { evalExpr, type EvalContext } from "./eval-expr.js";
export { batchesToRows, compareValues, rowKey, valueKey, type Row, type Table } from "./rows.js";
export { typeOf } from "./types.js";
