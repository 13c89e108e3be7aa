// Two-phase aggregation by logical rewrite: a partial Aggregate in every partition (done by the
// exchange, adaptively), a hash exchange on the group keys, a final Aggregate per bucket and a
// Project that restores the original outputs.
//
//   Aggregate [k] [avg(v) AS a]          Project [k, (CAST(__f0_s AS DOUBLE) / CAST(__f0_c AS DOUBLE)) AS a]
//   +- input                      →      +- final Aggregate [__g0 AS k] [sum(__p0_s) AS __f0_s, sum(__p0_c) AS __f0_c]
//                                           +- Exchange hash(__g0) [partial Aggregate [k AS __g0] [sum(v) AS __p0_s, count(v) AS __p0_c] before]
//                                              +- input
import {
  Aggregate, E, Project, exprExists, exprKey, exprName, mapChildren, unalias,
  type AggregateCall, type AggregateNode, type Expr,
} from "@lgde/core";
import { D, leafScan, type DPlan } from "./dplan.js";
import { hasUniqueNames } from "./keys.js";
import { partitionedWithin } from "./partitioning.js";

/** The aggregate calls inside an expression (not inside other aggregate calls). */
function callsOf(e: Expr, into: AggregateCall[]): AggregateCall[] {
  if (e.kind === "aggregate") into.push(e);
  else for (const c of childrenOf(e)) callsOf(c, into);
  return into;
}

function childrenOf(e: Expr): Expr[] {
  const out: Expr[] = [];
  mapChildren(e, (c) => { out.push(c); return c; });
  return out;
}

const keyOf = (c: AggregateCall) => exprKey(c);

interface Split {
  readonly partial: readonly Expr[];
  readonly final: readonly Expr[];
  /** The expression over the final aggregate's columns that replaces the call. */
  readonly result: Expr;
}

function splitCall(c: AggregateCall, j: number): Split {
  const col = E.column;
  const p = (suffix: string) => `__p${j}_${suffix}`;
  const f = (suffix: string) => `__f${j}_${suffix}`;
  switch (c.fn) {
    case "count":
      // Counts add up; coalesce keeps count non-null as in one phase.
      return {
        partial: [E.alias(c, p("c"))],
        final: [E.alias(E.aggregate("sum", [col(p("c"))]), f("c"))],
        result: E.call("coalesce", [col(f("c")), E.literal(0, "int64")]),
      };
    case "sum":
      return { partial: [E.alias(c, p("s"))], final: [E.alias(E.aggregate("sum", [col(p("s"))]), f("s"))], result: col(f("s")) };
    case "avg":
      return {
        partial: [E.alias(E.aggregate("sum", c.args), p("s")), E.alias(E.aggregate("count", c.args), p("c"))],
        final: [E.alias(E.aggregate("sum", [col(p("s"))]), f("s")), E.alias(E.aggregate("sum", [col(p("c"))]), f("c"))],
        // x / 0 is null, as avg over no values is.
        result: E.binary("/", E.cast(col(f("s")), "float64"), E.cast(col(f("c")), "float64")),
      };
    case "min": case "max":
      return { partial: [E.alias(c, p("v"))], final: [E.alias(E.aggregate(c.fn, [col(p("v"))]), f("v"))], result: col(f("v")) };
    case "first":
      // Buckets hold partial rows in partition order, so the first of the firsts is the first overall.
      return {
        partial: [E.alias(c, p("v"))],
        final: [E.alias(E.aggregate("first", [col(p("v"))], { ignoreNulls: c.ignoreNulls }), f("v"))],
        result: col(f("v")),
      };
  }
}

/** Plans an aggregation over an already distributed input. */
export function planAggregate(node: AggregateNode, input: DPlan): DPlan {
  const full = (p: Parameters<typeof Aggregate.create>[0]) => Aggregate.create(p, node.groupBy, node.aggregates);
  const label = `Aggregate [${node.groupBy.map(exprName).join(", ")}] [${node.aggregates.map(exprName).join(", ")}]`;
  const calls = new Map<string, AggregateCall>();
  for (const a of node.aggregates) for (const c of callsOf(a, [])) calls.set(keyOf(c), c);
  const callList = [...calls.values()];
  const distinct = callList.some((c) => c.distinct || c.args.some((x) => exprExists(x, (y) => y.kind === "aggregate")));
  // Input already hash-partitioned on grouping columns: every group is whole in one partition.
  const grouping = node.groupBy.map((e) => unalias(e)).flatMap((e) => (e.kind === "column" ? [e.name] : []));
  if (node.groupBy.length > 0 && partitionedWithin(input, grouping)) return D.map(input, label, full);
  if (distinct && !(node.groupBy.length === 0 && distinctWithinPartitions(callList, input))) {
    const global = distinctValuesPlan(node, callList, input);
    if (global !== null) return global;
    // Distinct aggregates need every row of a group in one place: repartition the rows themselves.
    const moved = node.groupBy.length > 0 && hasUniqueNames(input.schema) ? D.exchange(input, node.groupBy.map(unalias)) : D.gather(input);
    return D.map(moved, label, full);
  }
  const splits = new Map<string, Split>();
  [...calls.entries()].forEach(([k, c], j) => splits.set(k, splitCall(c, j)));
  const g = (i: number) => `__g${i}`;
  const partialGroupBy = node.groupBy.map((e, i) => E.alias(unalias(e), g(i)));
  const partialAggs = [...splits.values()].flatMap((s) => s.partial);
  // Grouped: the partial aggregation is part of the exchange, which skips it when a sample shows
  // about as many groups as rows (each row is then its own partial state). Global: always one row.
  // (A worker reads the input of an adaptive step by name: repeated names keep the plain partial aggregate.)
  const partialMap = () => D.map(input, `PartialAggregate [${node.groupBy.map(exprName).join(", ")}]`, (p) => Aggregate.create(p, partialGroupBy, partialAggs));
  const keys = node.groupBy.map((_, i) => E.column(g(i)));
  const moved = node.groupBy.length === 0 ? D.gather(partialMap())
    : hasUniqueNames(input.schema) ? D.exchange(input, keys, { kind: "aggregate", groupBy: partialGroupBy, aggregates: partialAggs })
      : D.exchange(partialMap(), keys);
  // References to grouping expressions inside aggregate outputs read the final group columns.
  const groupOut = new Map<string, string>();
  for (const e of node.groupBy) { groupOut.set(exprName(unalias(e)), exprName(e)); groupOut.set(exprName(e), exprName(e)); }
  const replace = (e: Expr): Expr => {
    if (e.kind === "aggregate") return splits.get(keyOf(e))!.result;
    const name = groupOut.get(exprName(e));
    if (name !== undefined && e.kind !== "alias") return E.column(name);
    return mapChildren(e, replace);
  };
  const outputs = [
    ...node.groupBy.map((e) => E.column(exprName(e))),
    ...node.aggregates.map((a) => E.alias(replace(unalias(a)), exprName(a))),
  ];
  return D.map(moved, `Final${label}`, (p) => Project.create(Aggregate.create(
    p, node.groupBy.map((e, i) => E.alias(E.column(g(i)), exprName(e))), [...splits.values()].flatMap((s) => s.final),
  ), outputs));
}

/**
 * Whether every DISTINCT call reads plain columns that the input is hash-partitioned within: each
 * distinct value then lies in one partition, and a global aggregate combines per-partition results
 * (distinct counts add up) like plain partials (`count(1), countDistinct(uid)` over rows partitioned
 * by uid). Not for avg, whose partial sum and count would lose the DISTINCT.
 */
function distinctWithinPartitions(calls: readonly AggregateCall[], input: DPlan): boolean {
  return calls.every((c) => !c.args.some((a) => exprExists(a, (y) => y.kind === "aggregate")))
    && calls.filter((c) => c.distinct).every((c) => {
      const cols = c.args.map((a) => unalias(a));
      return c.fn !== "avg" && cols.length > 0 && cols.every((a) => a.kind === "column")
        && partitionedWithin(input, cols.map((a) => (a.kind === "column" ? a.name : "")));
    });
}

/** Functions whose DISTINCT form is the plain form over the distinct values. */
const OVER_DISTINCT_VALUES = new Set<AggregateCall["fn"]>(["count", "sum", "avg", "min", "max"]);

/**
 * A global aggregate whose DISTINCT calls all read the same arguments (`count(1), countDistinct(uid)`),
 * in stages instead of one task that sees every row, as Spark expands distinct aggregates: first a
 * grouped aggregate by the distinct arguments carrying the partial results of the plain calls (itself
 * two-phase, so each partition deduplicates before the exchange), then a global aggregate over those
 * groups where a DISTINCT call is the plain call over the group values and a plain call combines its
 * partials. Null when the shape does not apply.
 */
function distinctValuesPlan(node: AggregateNode, calls: readonly AggregateCall[], input: DPlan): DPlan | null {
  const distinctCalls = calls.filter((c) => c.distinct);
  if (node.groupBy.length > 0 || distinctCalls.length === 0) return null;
  const args = distinctCalls[0]!.args;
  const argsKey = exprKey(args);
  const eligible = distinctCalls.every((c) => OVER_DISTINCT_VALUES.has(c.fn) && exprKey(c.args) === argsKey)
    && args.length > 0 && (args.length === 1 || distinctCalls.every((c) => c.fn === "count"))
    && calls.every((c) => !c.args.some((a) => exprExists(a, (y) => y.kind === "aggregate")))
    // first() depends on row order, which grouping by the distinct values does not keep.
    && calls.every((c) => c.distinct || c.fn !== "first");
  if (!eligible) return null;
  const d = (i: number) => `__d${i}`;
  const valueCols = args.map((_, i) => E.column(d(i)));
  const splits = new Map<string, Split>();
  calls.filter((c) => !c.distinct).forEach((c, j) => splits.set(keyOf(c), splitCall(c, j)));
  const inner = Aggregate.create(leafScan("input", input.schema, "input"),
    args.map((a, i) => E.alias(a, d(i))), [...splits.values()].flatMap((s) => s.partial));
  const groups = planAggregate(inner, input);
  // Over the groups: each DISTINCT call as the plain call over the group values, each plain call's final step.
  const x = (i: number) => `__x${i}`;
  const distinctCol = new Map<string, string>();
  const distinctAggs = distinctCalls.map((c, i) => {
    distinctCol.set(keyOf(c), x(i));
    return E.alias(E.aggregate(c.fn, valueCols, { ignoreNulls: c.ignoreNulls }), x(i));
  });
  const outer = Aggregate.create(leafScan("groups", groups.schema, "distinct groups"), [],
    [...distinctAggs, ...[...splits.values()].flatMap((s) => s.final)]);
  const replace = (e: Expr): Expr => {
    if (e.kind !== "aggregate") return mapChildren(e, replace);
    const k = keyOf(e);
    return distinctCol.has(k) ? E.column(distinctCol.get(k)!) : splits.get(k)!.result;
  };
  const outputs = node.aggregates.map((a) => E.alias(replace(unalias(a)), exprName(a)));
  const label = `Project [${node.aggregates.map(exprName).join(", ")}]`;
  return D.map(planAggregate(outer, groups), label, (p) => Project.create(p, outputs));
}
