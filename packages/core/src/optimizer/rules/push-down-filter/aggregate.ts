// Filter over Aggregate: conjuncts that read only grouping columns filter the groups' rows instead.
//
//   Filter (k > 1)                          Aggregate [k], [k, count(1) AS n]
//   +- Aggregate [k], [k, count(1) AS n] => +- Filter (k > 1)
//      +- Scan t [k, v]                        +- Scan t [k, v]
//
// A conjunct on an aggregate (`n > 1`) stays above; so does one that reads no column at all,
// since a global aggregate yields one row even from no input.
import type { Expr } from "../../../expr/expr.js";
import { columnsOf, exprName } from "../../../expr/resolve.js";
import { Aggregate } from "../../../plan/nodes/index.js";
import type { AggregateNode, FilterNode, LogicalPlan } from "../../../plan/plan.js";
import { isDeterministic, readsOnly, substituteColumns, uniqueNames } from "../../expr-utils.js";
import { filtered, partition } from "./common.js";

export function pushThroughAggregate(filter: FilterNode, agg: AggregateNode): LogicalPlan | undefined {
  const unique = uniqueNames(agg.schema.fields);
  const mapping = new Map<string, Expr>();
  for (const g of agg.groupBy) {
    const name = exprName(g);
    if (unique.has(name) && isDeterministic(g)) mapping.set(name, g);
  }
  const groupNames = new Set(mapping.keys());
  const { pushed, kept } = partition(filter, (c) => columnsOf(c).size > 0 && readsOnly(c, groupNames));
  if (pushed.length === 0) return undefined;
  const below = filtered(agg.input, pushed.map((c) => substituteColumns(c, mapping)));
  return filtered(Aggregate.create(below, agg.groupBy, agg.aggregates), kept);
}
