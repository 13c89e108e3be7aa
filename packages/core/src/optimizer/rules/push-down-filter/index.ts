// push-down-filter: moves filters towards the sources, one file per operator crossed.
//
//   Filter ((a > 1) AND (y = 2))            Join inner, (k = y)
//   +- Join inner, (k = y)                  :- Filter (a > 1)
//      :- Project [k, a]              =>    :  +- Project [k, a]
//      :  +- Scan l [k, a, b]               :     +- Filter (a > 1)
//      +- Scan r [y]                        :        +- Scan l [k, a, b] PushedFilters: [(a > 1)]
//                                           +- Filter (y = 2)
//                                              +- Scan r [y] PushedFilters: [(y = 2)]
//
// Filters never cross a Limit (the first n rows then a filter differ from a filter then n rows) and
// never move below a Values. Join conditions are also split, see join.ts.
import type { FilterNode, LogicalPlan, PlanKind, PlanOfKind } from "../../../plan/plan.js";
import { transformDown } from "../../../plan/tree.js";
import type { OptimizerRule } from "../../rule.js";
import { pushThroughAggregate } from "./aggregate.js";
import { pushThroughDistinct } from "./distinct.js";
import { pushThroughExcept } from "./except.js";
import { pushIntoJoin } from "./join.js";
import { pushThroughProject } from "./project.js";
import { pushIntoScan } from "./scan.js";
import { pushThroughSort } from "./sort.js";
import { pushThroughUnion } from "./union.js";

type Pusher = { readonly [K in PlanKind]: ((filter: FilterNode, child: PlanOfKind<K>) => LogicalPlan | undefined) | null };

/** How a filter crosses each kind of child; null where it cannot (combine-filters merges filter pairs). */
const PUSH: Pusher = {
  scan: pushIntoScan,
  values: null,
  project: pushThroughProject,
  filter: null,
  aggregate: pushThroughAggregate,
  join: pushIntoJoin,
  distinct: pushThroughDistinct,
  union: pushThroughUnion,
  except: pushThroughExcept,
  sort: pushThroughSort,
  limit: null,
};

function rewriteNode(node: LogicalPlan): LogicalPlan | undefined {
  // A join's own condition is split even when no filter sits above it.
  if (node.kind === "join") return pushIntoJoin(null, node);
  if (node.kind !== "filter") return undefined;
  const push = PUSH[node.input.kind] as ((f: FilterNode, c: LogicalPlan) => LogicalPlan | undefined) | null;
  return push === null ? undefined : push(node, node.input);
}

export const pushDownFilter: OptimizerRule = {
  name: "push-down-filter",
  rewrite(plan) {
    const r = transformDown(plan, (node) => {
      const rewritten = rewriteNode(node);
      return rewritten === undefined ? { node, transformed: false } : { node: rewritten, transformed: true };
    });
    return { plan: r.node, transformed: r.transformed };
  },
};
