// Filter over Distinct: `distinct()` commutes with any row filter; `dropDuplicates(cols)` only with
// filters on the key columns (a filter on another column could drop the row that was kept).
//
//   Filter (a > 1)                 Deduplicate [a]
//   +- Deduplicate [a]       =>    +- Filter (a > 1)
import { Distinct } from "../../../plan/nodes/index.js";
import type { DistinctNode, FilterNode, LogicalPlan } from "../../../plan/plan.js";
import { readsOnly } from "../../expr-utils.js";
import { filtered, partition } from "./common.js";

export function pushThroughDistinct(filter: FilterNode, distinct: DistinctNode): LogicalPlan | undefined {
  const keys = distinct.columns === null ? null : new Set(distinct.columns);
  const { pushed, kept } = partition(filter, (c) => keys === null || readsOnly(c, keys));
  if (pushed.length === 0) return undefined;
  return filtered(Distinct.create(filtered(distinct.input, pushed), distinct.columns), kept);
}
