// eliminate-limit: nested limits keep the smaller, and a limit over fewer in-memory rows disappears.
//
//   Limit 5                  Limit 5
//   +- Limit 10        =>    +- Scan t [a]
//      +- Scan t [a]
//
//   Limit 10
//   +- LocalRelation [a], 3 rows   =>   LocalRelation [a], 3 rows
import { Limit, Values } from "../../plan/nodes/index.js";
import { transformUp } from "../../plan/tree.js";
import type { OptimizerRule } from "../rule.js";

export const eliminateLimit: OptimizerRule = {
  name: "eliminate-limit",
  rewrite(plan) {
    const r = transformUp(plan, (node) => {
      if (node.kind !== "limit") return { node, transformed: false };
      const input = node.input;
      if (input.kind === "limit") return { node: Limit.create(input.input, Math.min(node.n, input.n)), transformed: true };
      if (input.kind === "values" && Values.rowCount(input) <= node.n) return { node: input, transformed: true };
      return { node, transformed: false };
    });
    return { plan: r.node, transformed: r.transformed };
  },
};
