// merge-projections: two adjacent Projects become one, and a Project that passes its input through
// unchanged disappears.
//
//   Project [(c * 2) AS d]                Project [((a + 1) * 2) AS d]
//   +- Project [a, (a + 1) AS c]    =>    +- Scan t [a]
//      +- Scan t [a]
//
//   Project [a, b]                  =>    Scan t [a, b]
//   +- Scan t [a, b]
//
// The outer expressions are rewritten over the inner's input by substituting the inner expressions
// for their names (output names are kept with an alias). A computed inner column that the outer
// reads more than once is not inlined, so that it is not computed twice.
import type { Expr } from "../../expr/expr.js";
import { exprName, transformExpr } from "../../expr/resolve.js";
import { Project } from "../../plan/nodes/index.js";
import type { LogicalPlan, ProjectNode } from "../../plan/plan.js";
import { transformUp } from "../../plan/tree.js";
import { isDeterministic, preserveName, stripAlias, substituteColumns, uniqueNames } from "../expr-utils.js";
import type { OptimizerRule } from "../rule.js";

/** A projection that outputs exactly its input's columns, in order, under the same names. */
function isIdentity(project: ProjectNode): boolean {
  const input = project.input.schema.fields;
  if (project.exprs.length !== input.length || uniqueNames(input).size !== input.length) return false;
  return project.exprs.every((e, i) => e.kind === "column" && e.name === input[i]!.name);
}

function merge(outer: ProjectNode, inner: ProjectNode): LogicalPlan | undefined {
  if (uniqueNames(inner.schema.fields).size !== inner.exprs.length) return undefined;
  const mapping = new Map<string, Expr>(inner.exprs.map((e) => [exprName(e), e]));
  const uses = new Map<string, number>();
  for (const e of outer.exprs) {
    transformExpr(e, (x) => {
      if (x.kind === "column") uses.set(x.name, (uses.get(x.name) ?? 0) + 1);
      return x;
    });
  }
  for (const [name, count] of uses) {
    const source = stripAlias(mapping.get(name)!);
    const cheap = source.kind === "column" || source.kind === "literal";
    if (!cheap && (count > 1 || !isDeterministic(source))) return undefined;
  }
  const exprs = outer.exprs.map((e) => preserveName(e, substituteColumns(e, mapping)));
  return Project.create(inner.input, exprs);
}

export const mergeProjections: OptimizerRule = {
  name: "merge-projections",
  rewrite(plan) {
    const r = transformUp(plan, (node) => {
      if (node.kind !== "project") return { node, transformed: false };
      if (isIdentity(node)) return { node: node.input, transformed: true };
      const merged = node.input.kind === "project" ? merge(node, node.input) : undefined;
      return merged === undefined ? { node, transformed: false } : { node: merged, transformed: true };
    });
    return { plan: r.node, transformed: r.transformed };
  },
};
