// prune-columns: reads and carries only the columns that something above uses.
//
//   Aggregate [k], [k, sum(v) AS s]        Aggregate [k], [k, sum(v) AS s]
//   +- Join inner, (k = j)                 +- Project [k, v]
//      :- Scan l [k, v, w]          =>        +- Join inner, (k = j)
//      +- LocalRelation [j, x]                   :- Scan l [k, v]
//                                                +- Project [j]
//                                                   +- LocalRelation [j, x]
//
// The pass walks down with the set of names the parent needs. Scans get a narrower `projection`;
// projections and aggregates drop unused outputs; below joins, aggregates and unions a Project is inserted where an
// input would otherwise carry unused columns. The root's output schema never changes. Columns whose
// name is repeated (a join's duplicate names) are never dropped, since they cannot be told apart.
import { E } from "../../expr/build.js";
import type { Expr } from "../../expr/expr.js";
import { columnsOf, exprName } from "../../expr/resolve.js";
import { Aggregate, Distinct, Except, Filter, Join, Limit, Project, Scan, Sort, Union } from "../../plan/nodes/index.js";
import type { LogicalPlan, PlanKind, PlanOfKind } from "../../plan/plan.js";
import { uniqueNames } from "../expr-utils.js";
import type { OptimizerRule } from "../rule.js";

type Need = ReadonlySet<string>;

const namesOf = (plan: LogicalPlan): string[] => plan.schema.fields.map((f) => f.name);
const allOf = (plan: LogicalPlan): Need => new Set(namesOf(plan));

function union(...sets: Iterable<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const n of s) out.add(n);
  return out;
}

function columnsOfAll(exprs: readonly Expr[]): Set<string> {
  const out = new Set<string>();
  for (const e of exprs) columnsOf(e, out);
  return out;
}

/** `plan` restricted to the needed columns (in its own order) by a Project, when that drops any. */
function narrow(plan: LogicalPlan, need: Need): LogicalPlan {
  const fields = plan.schema.fields;
  if (uniqueNames(fields).size !== fields.length) return plan;
  let keep = fields.filter((f) => need.has(f.name));
  // Something must flow to count rows (e.g. `count(*)`): keep one column.
  if (keep.length === 0) keep = fields.slice(0, 1);
  if (keep.length === fields.length) return plan;
  return Project.create(plan, keep.map((f) => E.column(f.name)));
}

type Pruner = { readonly [K in PlanKind]: (plan: PlanOfKind<K>, need: Need) => LogicalPlan };

/** Per kind: the same node over pruned inputs, whose output holds at least `need`. */
const PRUNE: Pruner = {
  scan: (scan, need) => {
    // Columns read by pushed filters stay, so that the executor can re-apply them.
    const wanted = union(need, columnsOfAll(scan.filters));
    let keep = scan.schema.fields.filter((f) => wanted.has(f.name));
    if (keep.length === 0) keep = scan.schema.fields.slice(0, 1);
    if (keep.length === scan.schema.fields.length) return scan;
    return Scan.create(scan.source, keep.map((f) => f.name), scan.filters);
  },
  values: (values) => values,
  project: (project, need) => {
    const unique = uniqueNames(project.schema.fields);
    let exprs = project.exprs.filter((e) => !unique.has(exprName(e)) || need.has(exprName(e)));
    if (exprs.length === 0) exprs = project.exprs.slice(0, 1);
    const input = prune(project.input, columnsOfAll(exprs));
    return exprs.length === project.exprs.length && input === project.input ? project : Project.create(input, exprs);
  },
  filter: (filter, need) => {
    const input = prune(filter.input, union(need, columnsOf(filter.predicate)));
    return input === filter.input ? filter : Filter.create(input, filter.predicate);
  },
  aggregate: (agg, need) => {
    // Aggregate outputs nobody reads are not computed (`groupBy(k).agg(count(*)).count()` only
    // needs the groups). Grouped rows are one per group whatever the outputs; a global aggregate
    // keeps one output so that its row still has a column.
    const unique = uniqueNames(agg.schema.fields);
    let aggregates = agg.aggregates.filter((a) => !unique.has(exprName(a)) || need.has(exprName(a)));
    if (aggregates.length === 0 && agg.groupBy.length === 0) aggregates = agg.aggregates.slice(0, 1);
    const uses = columnsOfAll([...agg.groupBy, ...aggregates]);
    const input = narrow(prune(agg.input, uses), uses);
    return input === agg.input && aggregates.length === agg.aggregates.length ? agg : Aggregate.create(input, agg.groupBy, aggregates);
  },
  join: (join, need) => {
    const shared = union(join.using, join.on === null ? [] : columnsOf(join.on));
    const outputsRight = join.how !== "semi" && join.how !== "anti";
    const side = (plan: LogicalPlan, wanted: Need): LogicalPlan => {
      const own = allOf(plan);
      const sideNeed = new Set([...wanted].filter((n) => own.has(n)));
      return narrow(prune(plan, sideNeed), sideNeed);
    };
    const left = side(join.left, union(need, shared));
    const right = side(join.right, outputsRight ? union(need, shared) : shared);
    return left === join.left && right === join.right ? join : Join.create(left, right, join.how, join.on, join.using);
  },
  distinct: (distinct, need) => {
    // distinct() compares whole rows, so every column is needed; dropDuplicates only its keys.
    const wanted = distinct.columns === null ? allOf(distinct.input) : union(need, distinct.columns);
    const input = prune(distinct.input, wanted);
    return input === distinct.input ? distinct : Distinct.create(input, distinct.columns);
  },
  union: (node, need) => {
    const names = namesOf(node);
    const positional = uniqueNames(node.schema.fields).size === names.length &&
      node.inputs.every((i) => uniqueNames(i.schema.fields).size === i.schema.fields.length);
    let positions = names.flatMap((n, i) => (need.has(n) ? [i] : []));
    if (!positional || positions.length === names.length) {
      const inputs = node.inputs.map((i) => prune(i, allOf(i)));
      return inputs.every((i, k) => i === node.inputs[k]) ? node : Union.create(inputs);
    }
    if (positions.length === 0) positions = [0];
    const inputs = node.inputs.map((input) => {
      const wanted = positions.map((p) => input.schema.fields[p]!.name);
      const pruned = prune(input, new Set(wanted));
      const got = namesOf(pruned);
      // Positions must line up across inputs, so each input yields exactly the wanted columns in order.
      const exact = got.length === wanted.length && got.every((n, i) => n === wanted[i]);
      return exact ? pruned : Project.create(pruned, wanted.map((n) => E.column(n)));
    });
    return Union.create(inputs);
  },
  except: (except) => {
    const left = prune(except.left, allOf(except.left));
    const right = prune(except.right, allOf(except.right));
    return left === except.left && right === except.right ? except : Except.create(left, right);
  },
  sort: (sort, need) => {
    const input = prune(sort.input, union(need, columnsOfAll(sort.orders.map((o) => o.expr))));
    return input === sort.input ? sort : Sort.create(input, sort.orders);
  },
  limit: (limit, need) => {
    const input = prune(limit.input, need);
    return input === limit.input ? limit : Limit.create(input, limit.n);
  },
};

/** A plan equal in rows to `plan` whose output has at least the `need` columns (same names and types). */
function prune(plan: LogicalPlan, need: Need): LogicalPlan {
  return (PRUNE[plan.kind] as (p: LogicalPlan, n: Need) => LogicalPlan)(plan, need);
}

export const pruneColumns: OptimizerRule = {
  name: "prune-columns",
  rewrite(plan) {
    const pruned = prune(plan, allOf(plan));
    if (pruned === plan) return { plan, transformed: false };
    // Every node keeps what its parent needs and the root needs everything, so the root keeps its
    // schema; reorder defensively if a node ever returns its columns in another order.
    const same = namesOf(pruned).join("\u0000") === namesOf(plan).join("\u0000");
    return { plan: same ? pruned : narrowTo(pruned, plan), transformed: true };
  },
};

function narrowTo(pruned: LogicalPlan, original: LogicalPlan): LogicalPlan {
  return Project.create(pruned, namesOf(original).map((n) => E.column(n)));
}
