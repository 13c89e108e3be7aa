// Renders a logical plan as Spark-style indented text, one node per line, for explain() and tests.
import type { Expr, SortOrder } from "../expr/expr.js";
import { exprName } from "../expr/resolve.js";
import type { LogicalPlan, PlanKind, PlanOfKind } from "./plan.js";
import { Values } from "./nodes/index.js";
import { children } from "./tree.js";

/**
 * An expression as explain prints it: Spark's automatic name (`(a + 1)`, `count(1)`), and for an
 * alias the aliased expression followed by `AS name`, e.g. `(b + 1) AS c`.
 */
export function exprToString(expr: Expr): string {
  return expr.kind === "alias" ? `${exprToString(expr.input)} AS ${expr.name}` : exprName(expr);
}

function list(exprs: readonly Expr[]): string {
  return `[${exprs.map(exprToString).join(", ")}]`;
}

function orderToString(order: SortOrder): string {
  return `${exprToString(order.expr)} ${order.ascending ? "ASC" : "DESC"} NULLS ${order.nullsFirst ? "FIRST" : "LAST"}`;
}

function names(plan: LogicalPlan): string {
  return `[${plan.schema.fields.map((f) => f.name).join(", ")}]`;
}

type Describer = { readonly [K in PlanKind]: (node: PlanOfKind<K>) => string };

/** One line per kind; a new plan kind does not compile until it is described here. */
const DESCRIBE: Describer = {
  scan: (n) => {
    const pushed = n.filters.length > 0 ? ` PushedFilters: ${list(n.filters)}` : "";
    return `Scan ${n.source.description} ${names(n)}${pushed}`;
  },
  values: (n) => {
    const rows = Values.rowCount(n);
    return `LocalRelation ${names(n)}, ${rows} ${rows === 1 ? "row" : "rows"}`;
  },
  project: (n) => `Project ${list(n.exprs)}`,
  filter: (n) => `Filter ${exprToString(n.predicate)}`,
  aggregate: (n) => `Aggregate ${list(n.groupBy)}, ${list([...n.groupBy, ...n.aggregates])}`,
  join: (n) => {
    const parts: string[] = [n.how];
    if (n.using.length > 0) parts.push(`using [${n.using.join(", ")}]`);
    if (n.on !== null) parts.push(exprToString(n.on));
    return `Join ${parts.join(", ")}`;
  },
  distinct: (n) => (n.columns === null ? "Distinct" : `Deduplicate [${n.columns.join(", ")}]`),
  union: () => "Union",
  except: () => "Except",
  sort: (n) => `Sort [${n.orders.map(orderToString).join(", ")}]`,
  limit: (n) => `Limit ${n.n}`,
};

/** The first line of a node's description, without its children. */
export function describeNode(plan: LogicalPlan): string {
  // The cast is safe: DESCRIBE is indexed by the node's own kind.
  return (DESCRIBE[plan.kind] as (node: LogicalPlan) => string)(plan);
}

/**
 * The plan as an indented tree like Spark's `explain(true)`:
 * ```
 * Project [a, (b + 1) AS c]
 * +- Filter (a > 1)
 *    +- Scan parquet /tmp/t [a, b] PushedFilters: [(a > 1)]
 * ```
 * Children other than the last are drawn with `:- ` so that siblings line up.
 */
export function explainLogical(plan: LogicalPlan): string {
  const lines: string[] = [];
  const walk = (node: LogicalPlan, prefix: string, marker: string): void => {
    lines.push(`${prefix}${marker}${describeNode(node)}`);
    const kids = children(node);
    const childPrefix = prefix + (marker === "" ? "" : marker === ":- " ? ":  " : "   ");
    kids.forEach((kid, i) => walk(kid, childPrefix, i === kids.length - 1 ? "+- " : ":- "));
  };
  walk(plan, "", "");
  return lines.join("\n");
}
