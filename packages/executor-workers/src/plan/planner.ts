// Logical plan → distributed plan: which fragments run per partition, and where data is exchanged.
import {
  Distinct, E, Except, Filter, Join, Limit, Project, Sort, Values, exprName, repeatedSubplans,
  type JoinNode, type LogicalPlan, type PlanKind, type PlanOfKind, type Schema,
} from "@lgde/core";
import { planAggregate } from "./aggregate.js";
import { D, type DPlan } from "./dplan.js";
import { allColumnsAs, equiKeys, hasUniqueNames } from "./keys.js";
import { exchangeUnlessPartitioned, partitionedWithin } from "./partitioning.js";
import { SharedPlans, Want, type Reuse } from "./want.js";

export interface PlannerOptions {
  /** A join side with at most this many (estimated) rows is broadcast instead of hash-partitioned. */
  readonly broadcastRows: number;
  /** Exchange a distinct on all its columns even when its reader wants fewer (see `WorkersOptions.requireAllDistinctKeys`). */
  readonly requireAllDistinctKeys: boolean;
  /** Sub-plans read from several places, computed once (set by `planQuery`). */
  readonly reuse?: Reuse;
}

/** An upper estimate of a plan's rows, Infinity when unknown (scans are sized only when they run). */
export function estimateRows(p: LogicalPlan): number {
  switch (p.kind) {
    case "scan": return Infinity;
    case "values": return Values.rowCount(p);
    case "project": case "filter": case "sort": case "distinct": return estimateRows(p.input);
    case "aggregate": return p.groupBy.length === 0 ? 1 : estimateRows(p.input);
    case "limit": return Math.min(p.n, estimateRows(p.input));
    case "union": return p.inputs.reduce((n, i) => n + estimateRows(i), 0);
    case "except": return estimateRows(p.left);
    case "join": {
      const l = estimateRows(p.left), r = estimateRows(p.right);
      return p.how === "semi" || p.how === "anti" ? l : l === 0 || r === 0 ? (p.how === "inner" || p.how === "cross" ? 0 : l + r) : l * r;
    }
  }
}

/** A positional projection renaming and casting a union input to the union's schema (when needed). */
function conform(d: DPlan, to: Schema): DPlan {
  const same = d.schema.fields.every((f, i) => f.name === to.fields[i]!.name && f.type === to.fields[i]!.type);
  if (same) return d;
  // A plain rename where the type is the same, so that the input's partitioning carries over.
  const exprs = d.schema.fields.map((f, i) => {
    const t = to.fields[i]!.type;
    return E.alias(f.type === t ? E.column(f.name) : E.cast(E.column(f.name), t), to.fields[i]!.name);
  });
  return D.map(d, `Project [${to.fields.map((f) => f.name).join(", ")}]`, (p) => Project.create(p, exprs));
}

function planJoin(j: JoinNode, opts: PlannerOptions): DPlan {
  const keys = equiKeys(j);
  const combine = (l: LogicalPlan, r: LogicalPlan) => Join.create(l, r, j.how, j.on, j.using);
  const what = `${j.how} join${j.using.length > 0 ? ` using [${j.using.join(", ")}]` : ""}${j.on ? ` on ${exprName(j.on)}` : ""}`;
  // Broadcasting a side is valid when every output row needs only one row of the other side's partition.
  const canBroadcastRight = j.how === "inner" || j.how === "left" || j.how === "semi" || j.how === "anti" || j.how === "cross";
  const canBroadcastLeft = j.how === "inner" || j.how === "right" || j.how === "cross";
  const hashable = keys.left.length > 0 && hasUniqueNames(j.left.schema) && hasUniqueNames(j.right.schema);
  if (hashable) {
    const broadcast = canBroadcastRight && estimateRows(j.right) <= opts.broadcastRows ? "right"
      : canBroadcastLeft && estimateRows(j.left) <= opts.broadcastRows ? "left" : null;
    // The sides are partitioned on the keys only for a hash join; a broadcast join wants nothing of them.
    const left = planDistributed(j.left, opts, broadcast === null ? Want.keys(keys.left, j.left.schema) : null);
    const right = planDistributed(j.right, opts, broadcast === null ? Want.keys(keys.right, j.right.schema) : null);
    if (broadcast !== null) return D.broadcast(left, right, broadcast, `BroadcastJoin ${what} (${broadcast} side broadcast)`, combine);
    return D.zip(exchangeUnlessPartitioned(left, keys.left), exchangeUnlessPartitioned(right, keys.right), `HashJoin ${what}`, combine);
  }
  const left = planDistributed(j.left, opts), right = planDistributed(j.right, opts);
  if (canBroadcastRight) return D.broadcast(left, right, "right", `BroadcastJoin ${what} (right side broadcast)`, combine);
  if (canBroadcastLeft) return D.broadcast(left, right, "left", `BroadcastJoin ${what} (left side broadcast)`, combine);
  // A full join without equi-keys has no partitioning that is correct: one task sees everything.
  return D.zip(D.gather(left), D.gather(right), `Join ${what} (single partition)`, combine);
}

/** Plans one kind of node; `want`: the columns its consumer would like it hash-partitioned on. */
type Planners = { readonly [K in PlanKind]: (p: PlanOfKind<K>, opts: PlannerOptions, want: Want | null) => DPlan };
const PLANNERS: Planners = {
  scan: (p) => D.scan(p),
  values: (p) => D.values(p),
  project: (p, o, w) => D.map(planDistributed(p.input, o, Want.throughProject(w, p.exprs)), `Project [${p.exprs.map(exprName).join(", ")}]`, (i) => Project.create(i, p.exprs)),
  filter: (p, o, w) => D.map(planDistributed(p.input, o, w), `Filter ${exprName(p.predicate)}`, (i) => Filter.create(i, p.predicate)),
  aggregate: (p, o) => planAggregate(p, planDistributed(p.input, o, Want.groupingOf(p))),
  join: (p, o) => planJoin(p, o),
  distinct: (p, o, w) => {
    const label = p.columns === null ? "Distinct" : `DropDuplicates [${p.columns.join(", ")}]`;
    const dedupe = (i: LogicalPlan) => Distinct.create(i, p.columns);
    const columns = p.columns ?? p.schema.fields.map((f) => f.name);
    // A distinct whose reader (or most readers, when shared) groups or hash-joins by some of its
    // columns is partitioned on those alone: equal rows still meet, and the reader finds its keys in
    // place instead of exchanging the rows again. One exchange saved, at the risk of skew when those
    // columns have few values (Spark accepts an input partitioned on a subset of the keys it needs,
    // with the same risk; here the planner chooses it).
    const keys = w !== null && !o.requireAllDistinctKeys && w.columns.every((c) => columns.includes(c)) ? w.columns : columns;
    const input = planDistributed(p.input, o, Want.of(keys));
    if (!hasUniqueNames(p.schema)) return D.map(D.gather(input), label, dedupe);
    if (partitionedWithin(input, columns)) return D.map(input, label, dedupe);
    // Each task drops its own duplicates first (keeping its first row) when a sample shows enough of
    // them to pay for a second hash pass, then equal keys meet.
    return D.map(exchangeUnlessPartitioned(input, keys.map((n) => E.column(n)), { kind: "distinct", columns: p.columns }), label, dedupe);
  },
  union: (p, o, w) => D.union(p.inputs.map((i) => conform(planDistributed(i, o, Want.byPosition(w, p.schema, i.schema)), p.schema)), p.schema),
  except: (p, o) => {
    const left = planDistributed(p.left, o, Want.all(p.left.schema)), right = planDistributed(p.right, o, Want.all(p.right.schema));
    const combine = (l: LogicalPlan, r: LogicalPlan) => Except.create(l, r);
    if (!hasUniqueNames(p.left.schema) || !hasUniqueNames(p.right.schema)) {
      return D.zip(D.gather(left), D.gather(right), "Except (single partition)", combine);
    }
    return D.zip(
      exchangeUnlessPartitioned(left, allColumnsAs(p.left.schema, p.schema), { kind: "distinct", columns: null }),
      exchangeUnlessPartitioned(right, allColumnsAs(p.right.schema, p.schema)),
      "Except", combine,
    );
  },
  sort: (p, o) => {
    const sorted = D.map(planDistributed(p.input, o), `LocalSort [${p.orders.map((s) => exprName(s.expr)).join(", ")}]`, (i) => Sort.create(i, p.orders));
    return D.gather(sorted, p.orders);
  },
  limit: (p, o) => {
    if (p.input.kind === "sort") {
      const s = p.input;
      const topN = D.map(planDistributed(s.input, o), `TopN ${p.n} [${s.orders.map((x) => exprName(x.expr)).join(", ")}]`,
        (i) => Limit.create(Sort.create(i, s.orders), p.n));
      return D.gather(topN, s.orders, p.n);
    }
    return D.gather(D.map(planDistributed(p.input, o), `LocalLimit ${p.n}`, (i) => Limit.create(i, p.n)), null, p.n);
  },
};

/** The distributed plan of an optimized logical plan; `want`: see `Planners`. */
export function planDistributed(plan: LogicalPlan, opts: PlannerOptions, want: Want | null = null): DPlan {
  const make = (w: Want | null) => (PLANNERS[plan.kind] as (p: LogicalPlan, o: PlannerOptions, w: Want | null) => DPlan)(plan, opts, w);
  const reuse = opts.reuse;
  if (reuse === undefined) return make(want);
  const fp = reuse.repeated.fingerprints.of(plan);
  const consumers = reuse.repeated.consumers.get(fp);
  if (consumers === undefined) return make(want);
  reuse.vote(fp, want);
  let cached = reuse.planned.get(fp);
  if (cached === undefined) {
    // The id is taken before planning the input, which may hold other cached sub-plans.
    const id = reuse.nextId++;
    cached = D.cache(id, make(reuse.preferred(fp)), consumers);
    reuse.planned.set(fp, cached);
  }
  return cached;
}

/**
 * The distributed plan of a query, with the sub-plans it reads from several places computed once.
 * A first pass only asks every reader of a shared sub-plan how it would like it partitioned; the
 * second plans each shared sub-plan for the partitioning most of its readers want.
 */
export function planQuery(plan: LogicalPlan, opts: PlannerOptions): DPlan {
  const repeated = repeatedSubplans(plan);
  if (repeated.consumers.size === 0) return planDistributed(repeated.plan, opts);
  const survey = new SharedPlans(repeated, null);
  planDistributed(repeated.plan, { ...opts, reuse: survey });
  return planDistributed(repeated.plan, { ...opts, reuse: new SharedPlans(repeated, survey) });
}
