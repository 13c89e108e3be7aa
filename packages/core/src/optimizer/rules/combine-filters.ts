// combine-filters: adjacent filters become one, so that push-down-filter moves all conjuncts at once.
//
//   Filter (b < 5)                 Filter ((a > 1) AND (b < 5))
//   +- Filter (a > 1)        =>    +- Scan t [a, b]
//      +- Scan t [a, b]
import { E } from "../../expr/build.js";
import { Filter } from "../../plan/nodes/index.js";
import { transformUp } from "../../plan/tree.js";
import { isDeterministic } from "../expr-utils.js";
import type { OptimizerRule } from "../rule.js";

export const combineFilters: OptimizerRule = {
  name: "combine-filters",
  rewrite(plan) {
    const r = transformUp(plan, (node) => {
      if (node.kind !== "filter" || node.input.kind !== "filter") return { node, transformed: false };
      const inner = node.input;
      // A non-deterministic inner filter must see every row; keep the pair apart.
      if (!isDeterministic(inner.predicate)) return { node, transformed: false };
      return { node: Filter.create(inner.input, E.binary("and", inner.predicate, node.predicate)), transformed: true };
    });
    return { plan: r.node, transformed: r.transformed };
  },
};
