// Filter over Sort: filtering first sorts fewer rows and keeps the same order.
//
//   Filter (a > 1)            Sort [a ASC NULLS FIRST]
//   +- Sort [a ASC ...]  =>   +- Filter (a > 1)
import { Sort } from "../../../plan/nodes/index.js";
import type { FilterNode, LogicalPlan, SortNode } from "../../../plan/plan.js";
import { filtered, partition } from "./common.js";

export function pushThroughSort(filter: FilterNode, sort: SortNode): LogicalPlan | undefined {
  const { pushed, kept } = partition(filter, () => true);
  if (pushed.length === 0) return undefined;
  return filtered(Sort.create(filtered(sort.input, pushed), sort.orders), kept);
}
