// Filter over Project: substitute the projection's expressions for its output names and filter below.
//
//   Filter (c > 1)                    Project [a, (b + 1) AS c]
//   +- Project [a, (b + 1) AS c]  =>  +- Filter ((b + 1) > 1)
//      +- Scan t [a, b]                  +- Scan t [a, b]
import type { Expr } from "../../../expr/expr.js";
import { containsAggregate } from "../../../expr/resolve.js";
import { exprName } from "../../../expr/resolve.js";
import { Project } from "../../../plan/nodes/index.js";
import type { FilterNode, LogicalPlan, ProjectNode } from "../../../plan/plan.js";
import { isDeterministic, readsOnly, substituteColumns, uniqueNames } from "../../expr-utils.js";
import { filtered, partition } from "./common.js";

export function pushThroughProject(filter: FilterNode, project: ProjectNode): LogicalPlan | undefined {
  const unique = uniqueNames(project.schema.fields);
  // Only outputs computed deterministically and without aggregates can be recomputed below.
  const mapping = new Map<string, Expr>();
  for (const e of project.exprs) {
    const name = exprName(e);
    if (unique.has(name) && isDeterministic(e) && !containsAggregate(e)) mapping.set(name, e);
  }
  const movable = new Set(mapping.keys());
  const { pushed, kept } = partition(filter, (c) => readsOnly(c, movable));
  if (pushed.length === 0) return undefined;
  const below = filtered(project.input, pushed.map((c) => substituteColumns(c, mapping)));
  return filtered(Project.create(below, project.exprs), kept);
}
