// Filter over Scan: copy the conjuncts into the scan's `filters` so sources can skip files, row groups
// or rows; the Filter stays, because pushed filters are hints the source may ignore.
//
//   Filter (a > 1)          Filter (a > 1)
//   +- Scan t [a, b]   =>   +- Scan t [a, b] PushedFilters: [(a > 1)]
import { Filter, Scan } from "../../../plan/nodes/index.js";
import type { FilterNode, LogicalPlan, ScanNode } from "../../../plan/plan.js";
import { exprEquals } from "../../expr-utils.js";
import { partition } from "./common.js";

export function pushIntoScan(filter: FilterNode, scan: ScanNode): LogicalPlan | undefined {
  const { pushed } = partition(filter, (c) => !scan.filters.some((f) => exprEquals(f, c)));
  if (pushed.length === 0) return undefined;
  return Filter.create(Scan.create(scan.source, scan.projection, [...scan.filters, ...pushed]), filter.predicate);
}
