// remove-redundant-distinct: a distinct under an aggregate that ignores duplicates is dropped (Spark's
// RemoveRedundantAggregates). Counting distinct values, taking a min or a max, or only grouping gives
// the same answer over the rows with or without their duplicates, so the distinct's hash table of
// every row (and the columns only it read) is work for nothing.
//
//   Aggregate [] [count(DISTINCT a_uid) AS dau]        Aggregate [] [count(DISTINCT a_uid) AS dau]
//   +- Project [a_uid]                           =>    +- Project [a_uid]
//      +- Distinct                                        +- Scan parquet access [a_time, a_uid, a_id]
//         +- Scan parquet access [a_time, a_uid, a_id]
//
// Kept: a distinct on some columns only (dropDuplicates keeps one whole row per key), one over
// floating-point columns (-0.0 and 0.0 are duplicates that min and max can tell apart), one read
// from other places of the plan too (it is computed once for all of them anyway), and any
// non-deterministic expression on the way.
import { exprExists } from "../../expr/tree.js";
import type { Expr } from "../../expr/expr.js";
import { Aggregate, Filter, Project } from "../../plan/nodes/index.js";
import type { DistinctNode, LogicalPlan } from "../../plan/plan.js";
import { PlanFingerprints, repeatedDistincts } from "../../plan/reuse.js";
import { transformUp } from "../../plan/tree.js";
import { isDeterministic } from "../expr-utils.js";
import type { OptimizerRule } from "../rule.js";

/**
 * Whether every aggregate call in `e` gives the same answer with or without duplicate rows. A DISTINCT
 * call without arguments counts rows (executors treat `count(DISTINCT)` of nothing as `count(*)`).
 */
function ignoresDuplicates(e: Expr): boolean {
  return !exprExists(e, (x) => x.kind === "aggregate" && !(x.distinct && x.args.length > 0) && x.fn !== "min" && x.fn !== "max");
}

/** `p` with the full-row distinct below its projections and filters removed, or null when there is none to remove. */
function withoutDistinct(p: LogicalPlan, shared: (d: DistinctNode) => boolean): LogicalPlan | null {
  switch (p.kind) {
    case "project": {
      if (!p.exprs.every(isDeterministic)) return null;
      const input = withoutDistinct(p.input, shared);
      return input === null ? null : Project.create(input, p.exprs);
    }
    case "filter": {
      if (!isDeterministic(p.predicate)) return null;
      const input = withoutDistinct(p.input, shared);
      return input === null ? null : Filter.create(input, p.predicate);
    }
    case "distinct":
      if (p.columns !== null || shared(p) || p.schema.fields.some((f) => f.type === "float64")) return null;
      return p.input;
    default:
      return null;
  }
}

export const removeRedundantDistinct: OptimizerRule = {
  name: "remove-redundant-distinct",
  rewrite(plan) {
    // Distincts that occur more than once in the plan are shared by their readers: keep them.
    const shared = repeatedDistincts(plan, new PlanFingerprints());
    const r = transformUp(plan, (node) => {
      if (node.kind !== "aggregate") return { node, transformed: false };
      const exprs = [...node.groupBy, ...node.aggregates];
      if (!exprs.every((e) => isDeterministic(e) && ignoresDuplicates(e))) return { node, transformed: false };
      const input = withoutDistinct(node.input, shared);
      return input === null ? { node, transformed: false } : { node: Aggregate.create(input, node.groupBy, node.aggregates), transformed: true };
    });
    return { plan: r.node, transformed: r.transformed };
  },
};
