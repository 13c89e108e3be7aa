// Filter over Except: `filter(l EXCEPT r)` equals `filter(l) EXCEPT r`; the left side is renamed by position.
//
//   Filter (a > 1)             Except
//   +- Except            =>    :- Filter (a > 1)
//      :- Scan t [a]           :  +- Scan t [a]
//      +- Scan u [x]           +- Scan u [x]
import { Except } from "../../../plan/nodes/index.js";
import type { ExceptNode, FilterNode, LogicalPlan } from "../../../plan/plan.js";
import { substituteColumns } from "../../expr-utils.js";
import { filtered, partition, positionalMapping } from "./common.js";

export function pushThroughExcept(filter: FilterNode, except: ExceptNode): LogicalPlan | undefined {
  const mapping = positionalMapping(except.schema, except.left.schema);
  if (mapping === undefined) return undefined;
  const { pushed, kept } = partition(filter, () => true);
  if (pushed.length === 0) return undefined;
  const left = filtered(except.left, pushed.map((c) => substituteColumns(c, mapping)));
  return filtered(Except.create(left, except.right), kept);
}
