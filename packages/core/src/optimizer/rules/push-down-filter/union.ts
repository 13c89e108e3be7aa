// Filter over Union: filter each input, renaming columns by position (union takes the first input's
// names) and casting where the union widened a column's type.
//
//   Filter (a > 1)              Union
//   +- Union               =>   :- Filter (a > 1)
//      :- Scan t [a]            :  +- Scan t [a]
//      +- Scan u [x]            +- Filter (x > 1)
//                                  +- Scan u [x]
import type { Expr } from "../../../expr/expr.js";
import { Union } from "../../../plan/nodes/index.js";
import type { FilterNode, LogicalPlan, UnionNode } from "../../../plan/plan.js";
import { substituteColumns } from "../../expr-utils.js";
import { filtered, partition, positionalMapping } from "./common.js";

export function pushThroughUnion(filter: FilterNode, union: UnionNode): LogicalPlan | undefined {
  const mappings: Map<string, Expr>[] = [];
  for (const input of union.inputs) {
    const m = positionalMapping(union.schema, input.schema);
    if (m === undefined) return undefined;
    mappings.push(m);
  }
  const { pushed, kept } = partition(filter, () => true);
  if (pushed.length === 0) return undefined;
  const inputs = union.inputs.map((input, i) => filtered(input, pushed.map((c) => substituteColumns(c, mappings[i]!))));
  return filtered(Union.create(inputs), kept);
}
