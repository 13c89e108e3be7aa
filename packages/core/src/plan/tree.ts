// Plan traversal in one place, so optimizer rules contain no recursion code.
import type { LogicalPlan, PlanKind, PlanOfKind } from "./plan.js";
import { Aggregate, Distinct, Except, Filter, Join, Limit, Project, Sort, Union } from "./nodes/index.js";

/** The result of a rewrite: the node, and whether anything changed. */
export interface Transformed<T = LogicalPlan> {
  readonly node: T;
  readonly transformed: boolean;
}

export const unchanged = <T>(node: T): Transformed<T> => ({ node, transformed: false });
export const changed = <T>(node: T): Transformed<T> => ({ node, transformed: true });

type ChildrenOf = { readonly [K in PlanKind]: (p: PlanOfKind<K>) => readonly LogicalPlan[] };
const CHILDREN: ChildrenOf = {
  scan: () => [],
  values: () => [],
  project: (p) => [p.input],
  filter: (p) => [p.input],
  aggregate: (p) => [p.input],
  join: (p) => [p.left, p.right],
  distinct: (p) => [p.input],
  union: (p) => p.inputs,
  except: (p) => [p.left, p.right],
  sort: (p) => [p.input],
  limit: (p) => [p.input],
};

/** The inputs of a node, left to right. */
export function children(plan: LogicalPlan): readonly LogicalPlan[] {
  return (CHILDREN[plan.kind] as (p: LogicalPlan) => readonly LogicalPlan[])(plan);
}

type Rebuild = { readonly [K in PlanKind]: (p: PlanOfKind<K>, c: readonly LogicalPlan[]) => LogicalPlan };
const REBUILD: Rebuild = {
  scan: (p) => p,
  values: (p) => p,
  project: (p, [i]) => Project.create(i!, p.exprs),
  filter: (p, [i]) => Filter.create(i!, p.predicate),
  aggregate: (p, [i]) => Aggregate.create(i!, p.groupBy, p.aggregates),
  join: (p, [l, r]) => Join.create(l!, r!, p.how, p.on, p.using),
  distinct: (p, [i]) => Distinct.create(i!, p.columns),
  union: (_p, c) => Union.create(c),
  except: (_p, [l, r]) => Except.create(l!, r!),
  sort: (p, [i]) => Sort.create(i!, p.orders),
  limit: (p, [i]) => Limit.create(i!, p.n),
};

/** The same node over new inputs, rebuilt through its factory (so the schema is recomputed and validated). */
export function withChildren(plan: LogicalPlan, newChildren: readonly LogicalPlan[]): LogicalPlan {
  const old = children(plan);
  if (old.length === newChildren.length && old.every((c, i) => c === newChildren[i])) return plan;
  return (REBUILD[plan.kind] as (p: LogicalPlan, c: readonly LogicalPlan[]) => LogicalPlan)(plan, newChildren);
}

/** Applies `fn` to every node, children first. */
export function transformUp(plan: LogicalPlan, fn: (node: LogicalPlan) => Transformed): Transformed {
  let any = false;
  const kids = children(plan).map((c) => {
    const r = transformUp(c, fn);
    any ||= r.transformed;
    return r.node;
  });
  const rebuilt = any ? withChildren(plan, kids) : plan;
  const r = fn(rebuilt);
  return { node: r.node, transformed: any || r.transformed };
}

/** What `transformDown`'s function asks for next. */
export type Recursion = "continue" | "jump" | "stop";

/**
 * Applies `fn` to every node, parents first. `fn` may answer `jump` (don't descend into this
 * node's children) or `stop` (stop the whole traversal).
 */
export function transformDown(
  plan: LogicalPlan,
  fn: (node: LogicalPlan) => Transformed & { readonly recursion?: Recursion },
): Transformed & { readonly stopped: boolean } {
  const r = fn(plan);
  const recursion = r.recursion ?? "continue";
  if (recursion !== "continue") return { node: r.node, transformed: r.transformed, stopped: recursion === "stop" };
  let any = r.transformed;
  let stopped = false;
  const kids = children(r.node).map((c) => {
    if (stopped) return c;
    const cr = transformDown(c, fn);
    any ||= cr.transformed;
    stopped = cr.stopped;
    return cr.node;
  });
  return { node: withChildren(r.node, kids), transformed: any, stopped };
}

/** Visits every node, parents first; return false from `fn` to skip a node's children. */
export function visit(plan: LogicalPlan, fn: (node: LogicalPlan) => boolean | void): void {
  if (fn(plan) === false) return;
  for (const c of children(plan)) visit(c, fn);
}

/** Whether any node satisfies `pred`. */
export function exists(plan: LogicalPlan, pred: (node: LogicalPlan) => boolean): boolean {
  let found = false;
  visit(plan, (n) => {
    if (found) return false;
    if (pred(n)) found = true;
    return !found;
  });
  return found;
}

