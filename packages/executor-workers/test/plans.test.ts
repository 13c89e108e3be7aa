// workers() gives exactly local()'s rows for every kind of plan, with 1, 2 and 4 threads.
import { afterAll, describe, expect, it } from "vitest";
import {
  Aggregate, Distinct, E, Except, Filter, Join, Limit, Project, Sort, Union,
  type Expr, type JoinType, type LogicalPlan,
} from "@lgde/core";
import { workers } from "@lgde/executor-workers";
import { expectSame, values } from "./helpers.js";

const c = E.column;
const agg = (fn: "count" | "sum" | "avg" | "min" | "max" | "first", arg: string | null, name: string, o: { distinct?: boolean; ignoreNulls?: boolean } = {}) =>
  E.alias(E.aggregate(fn, arg === null ? [] : [c(arg)], o), name);

// Facts: skewed keys (half of the rows have k = 0), nulls in every column, exact doubles.
const factRows = Array.from({ length: 103 }, (_, i) => ({
  k: i % 2 === 0 ? 0 : i % 7 === 0 ? null : i % 5,
  s: i % 11 === 0 ? null : `s${i % 4}`,
  v: i % 13 === 0 ? null : i,
  d: i % 9 === 0 ? null : (i % 10) * 0.5,
}));
const facts = values([["k", "int32"], ["s", "utf8"], ["v", "int64"], ["d", "float64"]], factRows);
const dimRows = [
  { k: 0, name: "zero" }, { k: 1, name: "one" }, { k: 2, name: "two" }, { k: 2, name: "two again" },
  { k: 9, name: "nine" }, { k: null, name: "null key" },
];
const dims = values([["k", "int64"], ["name", "utf8"]], dimRows, 2);
const empty = values([["k", "int32"], ["s", "utf8"], ["v", "int64"], ["d", "float64"]], []);
const one = values([["k", "int32"], ["s", "utf8"], ["v", "int64"], ["d", "float64"]], [{ k: 1, s: "x", v: 5, d: 1.5 }]);

const allAggs: Expr[] = [
  agg("count", null, "n"), agg("count", "v", "nv"), agg("sum", "v", "sv"), agg("sum", "d", "sd"), agg("avg", "v", "av"),
  agg("min", "s", "mins"), agg("max", "d", "maxd"), agg("first", "s", "fs"), agg("first", "s", "fsi", { ignoreNulls: true }),
  E.alias(E.binary("+", E.aggregate("sum", [c("v")]), E.literal(1)), "sv1"),
];

const joinTypes: JoinType[] = ["inner", "left", "right", "full", "semi", "anti"];

/** The dimension with an int32 key `k2`, so that joins with the facts' int32 `k` need no cast. */
function dimsInt(): LogicalPlan {
  return Project.create(dims, [E.alias(E.cast(c("k"), "int32"), "k2"), c("name")]);
}

/** Distinct int32 keys joined with int64 ones: hashed as int64, so the distinct's partitioning does not hold. */
function castJoin(): LogicalPlan {
  const many = values([["k", "int32"]], Array.from({ length: 300 }, (_, i) => ({ k: (i % 150) - 75 })));
  const wide = values([["k", "int64"], ["name", "utf8"]], Array.from({ length: 150 }, (_, i) => ({ k: i - 75, name: `n${i}` })));
  return Join.create(Distinct.create(many), wide, "inner", null, ["k"]);
}

/** distinct keys, left-joined twice on them, as the user dimension is built. */
function partitionedJoins(): LogicalPlan {
  const ids = Distinct.create(Project.create(facts, [c("k")]));
  const once = Project.create(Join.create(ids, dimsInt(), "left", E.binary("=", c("k"), c("k2"))), [c("k"), E.alias(c("name"), "n1")]);
  const sums = Aggregate.create(facts, [E.alias(c("k"), "k3")], [agg("sum", "v", "sv")]);
  return Join.create(once, sums, "left", E.binary("=", c("k"), c("k3")));
}
const dimsRenamed = Project.create(dims, [E.alias(c("k"), "dk"), c("name")]);

/**
 * The LGDE shape: a deduplicated table read four times, each reader grouping (or deduplicating) by
 * its column k, one of them through a union with another table's keys.
 */
function sharedDistinctByKey(): LogicalPlan {
  const x = Distinct.create(Project.create(facts, [c("k"), c("s"), c("v")]));
  const a = Aggregate.create(x, [], [agg("count", null, "n"), agg("count", "k", "dk", { distinct: true })]);
  const logins = Aggregate.create(Filter.create(x, E.binary("=", c("s"), E.literal("s1"))), [c("k")], [agg("count", null, "n")]);
  const b = Aggregate.create(logins, [], [agg("count", null, "groups"), agg("sum", "n", "logins")]);
  const ids = Distinct.create(Union.create([Project.create(x, [E.alias(c("k"), "u")]), Project.create(dimsInt(), [E.alias(c("k2"), "u")])]));
  const sums = Aggregate.create(x, [E.alias(c("k"), "k4")], [agg("sum", "v", "sv")]);
  const joined = Join.create(ids, sums, "left", E.binary("=", c("u"), c("k4")));
  const cc = Aggregate.create(joined, [], [agg("count", null, "users"), agg("sum", "sv", "total"), agg("count", "k4", "matched")]);
  return Join.create(Join.create(a, b, "cross", null), cc, "cross", null);
}

/** A shared distinct deduplicated again as the second input of a union that renames its column. */
function sharedDistinctRenamedInUnion(): LogicalPlan {
  const x = Distinct.create(Project.create(facts, [c("k"), c("s")]));
  const keys = Distinct.create(Union.create([Project.create(dimsInt(), [E.alias(c("k2"), "w")]), Project.create(x, [c("k")])]));
  return Union.create([
    Aggregate.create(Aggregate.create(x, [c("k")], [agg("count", null, "n")]), [], [agg("count", null, "a")]),
    Aggregate.create(keys, [], [agg("count", null, "a")]),
  ]);
}

/** A shared distinct read by joins whose int32 key is cast to int64: its readers cannot use a partitioning on k. */
function sharedDistinctJoinedWide(): LogicalPlan {
  const x = Distinct.create(Project.create(facts, [c("k"), c("s")]));
  return Union.create([
    Aggregate.create(Join.create(x, dims, "inner", null, ["k"]), [], [agg("count", null, "a")]),
    Aggregate.create(Join.create(x, dims, "left", null, ["k"]), [], [agg("count", null, "a")]),
  ]);
}

/** A shared distinct whose readers group by different columns: partitioned on all of its columns. */
function sharedDistinctMixed(): LogicalPlan {
  const x = Distinct.create(Project.create(facts, [c("k"), c("s")]));
  return Union.create([
    Aggregate.create(Aggregate.create(x, [c("k")], [agg("count", null, "n")]), [], [agg("count", null, "a"), agg("sum", "n", "b")]),
    Aggregate.create(Aggregate.create(x, [c("s")], [agg("count", null, "n")]), [], [agg("count", null, "a"), agg("sum", "n", "b")]),
  ]);
}

const cases: Record<string, { plan: LogicalPlan; ordered?: boolean }> = {
  "global aggregate": { plan: Aggregate.create(facts, [], allAggs) },
  "global aggregate over no rows": { plan: Aggregate.create(empty, [], allAggs) },
  "global aggregate over one row": { plan: Aggregate.create(one, [], allAggs) },
  "keyed aggregate": { plan: Aggregate.create(facts, [c("k")], allAggs) },
  "keyed aggregate by two keys with an alias": { plan: Aggregate.create(facts, [c("s"), E.alias(c("k"), "kk")], [agg("sum", "v", "sv"), agg("avg", "d", "ad")]) },
  "keyed aggregate over a grouping expression": {
    plan: Aggregate.create(facts, [E.binary("%", c("v"), E.literal(3))], [E.binary("*", E.binary("%", c("v"), E.literal(3)), E.aggregate("count", []))]),
  },
  "keyed aggregate over no rows": { plan: Aggregate.create(empty, [c("k")], allAggs) },
  "countDistinct with keys": { plan: Aggregate.create(facts, [c("k")], [agg("count", "s", "ds", { distinct: true }), agg("sum", "v", "sv")]) },
  // Regression: identical calls share one result buffer in local(); IPC once dropped one of them (4294967295).
  "identical aggregates": {
    plan: Aggregate.create(facts, [], [agg("count", null, "a"), agg("count", null, "b"), agg("count", "s", "c", { distinct: true }), agg("count", "s", "d", { distinct: true })]),
  },
  "identical distinct counts over a top-n, then distinct": {
    plan: Distinct.create(Aggregate.create(Limit.create(Sort.create(Distinct.create(Project.create(facts, [c("k"), c("s")])), [{ expr: c("s"), ascending: true, nullsFirst: true }]), 2),
      [], [agg("count", "s", "c2a", { distinct: true }), agg("count", "s", "c2b", { distinct: true })])),
  },
  "grouped by an aggregate that has a twin": {
    plan: Aggregate.create(Aggregate.create(facts, [], [agg("count", null, "a0"), agg("count", null, "a1"), agg("count", "s", "a2", { distinct: true })]),
      [c("a1")], [agg("count", "a0", "n", { distinct: true }), agg("count", null, "m")]),
  },
  "distinct aggregates over one column without keys (two-phase)": {
    plan: Aggregate.create(facts, [], [agg("count", "k", "a", { distinct: true }), agg("sum", "k", "b", { distinct: true }), agg("avg", "k", "c", { distinct: true }),
      agg("min", "k", "d", { distinct: true }), E.alias(E.binary("+", E.aggregate("max", [c("k")], { distinct: true }), E.literal(1)), "e")]),
  },
  // Rows hash-partitioned by k: each partition's distinct k are its own, so per-partition results add up.
  "distinct aggregates over rows partitioned by their column": {
    plan: Aggregate.create(Distinct.create(facts, ["k"]), [], [agg("count", "k", "a", { distinct: true }), agg("sum", "k", "b", { distinct: true }),
      agg("max", "k", "c", { distinct: true }), agg("count", null, "n"), agg("avg", "v", "av"), agg("min", "s", "ms")]),
  },
  "distinct aggregates over grouped rows, one of them not partitioned (avg, or another column)": {
    plan: Union.create([
      Aggregate.create(Aggregate.create(facts, [c("k")], [agg("sum", "v", "sv")]), [], [agg("count", "k", "a", { distinct: true }), agg("sum", "sv", "b")]),
      Aggregate.create(Aggregate.create(facts, [c("k")], [agg("sum", "v", "sv")]), [], [agg("count", "k", "a", { distinct: true }), agg("avg", "k", "b", { distinct: true })]),
      Aggregate.create(Aggregate.create(facts, [c("k")], [agg("sum", "v", "sv")]), [], [agg("count", "k", "a", { distinct: true }), agg("count", "sv", "b", { distinct: true })]),
    ]),
  },
  "countDistinct of two columns without keys": { plan: Aggregate.create(facts, [], [E.alias(E.aggregate("count", [c("k"), c("s")], { distinct: true }), "n")]) },
  "countDistinct without keys over no rows": { plan: Aggregate.create(empty, [], [agg("count", "s", "n", { distinct: true }), agg("sum", "v", "sv", { distinct: true })]) },
  "countDistinct without keys": { plan: Aggregate.create(facts, [], [agg("count", "s", "ds", { distinct: true })]) },
  "filter, project, aggregate": {
    plan: Aggregate.create(
      Project.create(Filter.create(facts, E.binary(">", c("v"), E.literal(10))), [c("k"), E.alias(E.binary("*", c("v"), E.literal(2)), "v2")]),
      [c("k")], [agg("sum", "v2", "s")]),
  },
  distinct: { plan: Distinct.create(Project.create(facts, [c("k"), c("s")])) },
  dropDuplicates: { plan: Distinct.create(facts, ["k"]) },
  "subtract": { plan: Except.create(Project.create(facts, [c("k"), c("s")]), Project.create(Filter.create(facts, E.binary("<", c("v"), E.literal(50))), [c("k"), c("s")])) },
  "subtract across types": { plan: Except.create(Project.create(facts, [c("k")]), Project.create(dims, [c("k")])) },
  "sort with ties and nulls": { plan: Sort.create(facts, [{ expr: c("k"), ascending: true, nullsFirst: true }, { expr: c("d"), ascending: false, nullsFirst: false }]), ordered: true },
  "sort then limit": { plan: Limit.create(Sort.create(facts, [{ expr: c("s"), ascending: true, nullsFirst: false }]), 17), ordered: true },
  "limit": { plan: Limit.create(Filter.create(facts, E.binary(">", c("v"), E.literal(20))), 9), ordered: true },
  "limit beyond the rows": { plan: Limit.create(facts, 1000), ordered: true },
  "union of different names and types, then aggregated": {
    plan: Aggregate.create(Union.create([Project.create(facts, [c("k"), c("v")]), Project.create(dims, [E.alias(c("k"), "x"), E.alias(E.literal(1), "y")]), empty.kind === "values" ? Project.create(empty, [c("k"), c("v")]) : facts]),
      [c("k")], [agg("count", null, "n"), agg("sum", "v", "sv")]),
  },
  "union": { plan: Union.create([facts, one, empty]), ordered: true },
  "cross join": { plan: Join.create(Filter.create(facts, E.binary("<", c("v"), E.literal(10))), dimsRenamed, "cross", null) },
  "non-equi inner join": { plan: Join.create(facts, dimsRenamed, "inner", E.binary("<", c("k"), c("dk"))) },
  "non-equi full join": { plan: Join.create(facts, dimsRenamed, "full", E.binary("<", c("v"), c("dk"))) },
  "non-equi right join": { plan: Join.create(facts, dimsRenamed, "right", E.binary(">", c("k"), c("dk"))) },
  "join then aggregate": {
    plan: Aggregate.create(Join.create(facts, dims, "left", null, ["k"]), [c("name")], [agg("count", null, "n"), agg("sum", "v", "sv")]),
  },
  // The left side is already hash-partitioned on its join key by the distinct: not exchanged again.
  "joins on a deduplicated key, chained": { plan: partitionedJoins() },
  "a join on a deduplicated key that must be cast (exchanged again)": { plan: castJoin() },
  // A sub-plan read from several places, inside another one: each cached once under its own id.
  "cached sub-plans, one inside the other": {
    plan: (() => {
      const y = Distinct.create(Project.create(facts, [c("k"), c("s")]));
      const x = Except.create(y, Project.create(Filter.create(facts, E.binary(">", c("v"), E.literal(50))), [c("k"), c("s")]));
      return Union.create([x, y, x]);
    })(),
  },
  // Distinct counts of two columns gather the cached rows to one task: shared memory is not transferred.
  "a cached sub-plan gathered": {
    plan: (() => {
      const x = Distinct.create(Project.create(facts, [c("k"), c("s")]));
      return Union.create([
        Aggregate.create(x, [], [agg("count", "k", "a", { distinct: true }), agg("count", "s", "b", { distinct: true })]),
        Aggregate.create(x, [], [agg("count", null, "a"), agg("count", "k", "b")]),
      ]);
    })(),
  },
  "a shared distinct read by groupings on one of its columns (partitioned on it alone)": { plan: sharedDistinctByKey() },
  "a shared distinct read by groupings on different columns": { plan: sharedDistinctMixed() },
  "a shared distinct renamed as a union input": { plan: sharedDistinctRenamedInUnion() },
  "a shared distinct joined on a cast key": { plan: sharedDistinctJoinedWide() },
  // Each task of the join reads the one exchanged (cached) aggregate twice: its buffers must not be let go after the first read.
  "a self-join of an aggregate": {
    plan: (() => {
      const x = Aggregate.create(facts, [c("k")], [agg("sum", "v", "sv")]);
      return Join.create(x, Project.create(x, [E.alias(c("k"), "k2"), E.alias(c("sv"), "sv2")]), "inner", E.binary("=", c("k"), c("k2")));
    })(),
  },
  // A name repeated in the aggregate's input (never read): the partial step reads that input by name.
  "grouped over an input with a repeated column name": {
    plan: Aggregate.create(Project.create(facts, [c("k"), c("s"), c("s")]), [c("k")], [agg("count", null, "n")]),
  },
  // The distinct is partitioned on the grouping key alone (k has few values, half of them 0): one exchange.
  "a distinct grouped by one of its columns": {
    plan: Aggregate.create(Distinct.create(Project.create(facts, [c("k"), c("s")])), [c("k")], [agg("count", null, "n"), agg("min", "s", "m")]),
  },
  "a distinct joined on one of its columns": {
    plan: Join.create(Distinct.create(Project.create(facts, [c("k"), c("s")])), dimsInt(), "left", E.binary("=", c("k"), c("k2"))),
  },
  "subtract from a deduplicated column": { plan: Except.create(Distinct.create(Project.create(facts, [c("k")])), Project.create(dimsInt(), [E.alias(c("k2"), "k")])) },
};
for (const how of joinTypes) {
  cases[`${how} join using k`] = { plan: Join.create(facts, dims, how, null, ["k"]) };
  cases[`${how} join on an equality and a condition`] = {
    plan: Join.create(facts, dimsRenamed, how, E.binary("and", E.binary("=", c("k"), c("dk")), E.binary("!=", c("name"), c("s")))),
  };
  cases[`${how} join with an empty side`] = { plan: Join.create(empty, dims, how, null, ["k"]) };
}

describe.each([1, 2, 4])("workers({ threads: %i })", (threads) => {
  for (const broadcastRows of [0, 1_000_000]) {
    describe(broadcastRows === 0 ? "hash joins" : "broadcast joins", () => {
      const exec = workers({ threads, broadcastRows });
      afterAll(() => exec.stop());
      for (const [name, { plan, ordered }] of Object.entries(cases)) {
        it(name, async () => {
          await expectSame(exec, plan, ordered ?? false);
        });
      }
    });
  }
});

describe("explain", () => {
  it("shows the partial and final aggregation around a hash exchange", () => {
    const exec = workers({ threads: 2, broadcastRows: 0 });
    const text = exec.explain(Aggregate.create(Join.create(facts, dims, "inner", null, ["k"]), [c("name")], [agg("sum", "v", "s")]), {} as never);
    expect(text).toContain("Exchange hashpartitioning(__g0)");
    expect(text).toContain("[adaptive PartialAggregate [name] [sum(v)] before]");
    expect(text).toContain("HashJoin inner join using [k]");
    // Both join sides and the partial aggregate are repartitioned.
    expect(text.match(/Exchange hashpartitioning/g)).toHaveLength(3);
  });
  it("counts distinct values without keys by grouping on them first, never gathering the rows", () => {
    const exec = workers({ threads: 2 });
    for (const aggs of [
      [agg("count", "s", "n", { distinct: true })],
      [agg("count", "s", "n", { distinct: true }), agg("sum", "v", "total"), agg("count", "v", "rows")],
    ]) {
      const text = exec.explain(Aggregate.create(facts, [], aggs), {} as never);
      expect(text).toContain("[adaptive PartialAggregate [s]");
      expect(text).toContain("Exchange hashpartitioning(__g0)");
      expect(text).toContain("FinalAggregate [] [__x0");
      // Only the per-bucket partial results reach the coordinator.
      expect(text).toMatch(/Gather to coordinator\n\s+\+- PartialAggregate \[\]/);
    }
  });
  it("partitions a distinct on the columns its reader groups by, so that the rows are exchanged once", () => {
    const exec = workers({ threads: 2 });
    const plan = Aggregate.create(Project.create(Distinct.create(Project.create(facts, [c("k"), c("s"), c("v")])), [c("k")]), [c("k")], [agg("count", null, "n")]);
    const text = exec.explain(plan, {} as never);
    expect(text.match(/Exchange hashpartitioning/g)).toHaveLength(1);
    expect(text).toContain("Exchange hashpartitioning(k) [adaptive PartialDistinct before]");
    expect(text).not.toContain("FinalAggregate [k]");
    // Asked to, it exchanges the distinct on all its columns, and the grouping exchanges again.
    const all = workers({ threads: 2, requireAllDistinctKeys: true }).explain(plan, {} as never);
    expect(all.match(/Exchange hashpartitioning/g)).toHaveLength(2);
    expect(all).toContain("Exchange hashpartitioning(k, s, v) [adaptive PartialDistinct before]");
  });
  it("counts distinct values of a column the rows are partitioned by in each partition, then adds the counts", () => {
    const exec = workers({ threads: 2 });
    const text = exec.explain(Aggregate.create(Distinct.create(facts, ["k"]), [], [agg("count", "k", "n", { distinct: true }), agg("count", null, "rows")]), {} as never);
    // The dropDuplicates' exchange only; no grouping by k again.
    expect(text.match(/Exchange hashpartitioning/g)).toHaveLength(1);
    expect(text).toMatch(/FinalAggregate \[\] \[n, rows\]\n\+- Gather to coordinator\n\s+\+- PartialAggregate \[\]\n\s+\+- DropDuplicates \[k\]/);
  });
  it("does not exchange a side again that is already partitioned on the join key", () => {
    const exec = workers({ threads: 2, broadcastRows: 0 });
    const text = exec.explain(partitionedJoins(), {} as never);
    // The distinct's exchange on k, the two right sides and the aggregate: none for the left sides of the joins.
    expect(text.match(/Exchange hashpartitioning\(k\)/g)).toHaveLength(1);
    expect(text).not.toMatch(/Exchange hashpartitioning\(CAST\(k AS/);
    // An aggregate's groups stay where its exchange put them: the second join's right side is not exchanged either.
    expect(text).not.toMatch(/Exchange hashpartitioning\(CAST\(k3 AS/);
    expect(text.match(/Exchange/g)).toHaveLength(3);
    // An int32 key joined with an int64 one hashes as int64: exchanged again.
    const cast = exec.explain(castJoin(), {} as never);
    expect(cast.match(/Exchange hashpartitioning\(CAST\(k AS INT64\)\)/g)).toHaveLength(2);
  });
  it("partitions a shared distinct on the column its readers group by, and exchanges it once", () => {
    const exec = workers({ threads: 2, broadcastRows: 0 });
    const text = exec.explain(sharedDistinctByKey(), {} as never);
    expect(text).toContain("CachedSubplan #0 [computed once, read 4 times");
    expect(text).toMatch(/Distinct\n[\s:]+\+- Exchange hashpartitioning\(k\) \[adaptive PartialDistinct before\]/);
    // Each reader finds its groups in place: one-phase aggregates, no exchange above the cache.
    expect(text).not.toContain("PartialAggregate [k");
    expect(text).not.toContain("PartialAggregate [__d0]");
    expect(text).toContain("Aggregate [k] [n]");
    // The union with the other table's keys: only that side is exchanged, partition by partition.
    expect(text).toContain("Union [partition by partition]");
    expect(text.match(/Exchange hashpartitioning/g)).toHaveLength(2);
    // Readers that disagree leave the distinct partitioned on all its columns.
    expect(exec.explain(sharedDistinctMixed(), {} as never)).toContain("Exchange hashpartitioning(k, s)");
    // So do readers that would hash a cast of the column (int32 joined with int64 hashes as int64).
    expect(exec.explain(sharedDistinctJoinedWide(), {} as never)).toContain("Exchange hashpartitioning(k, s)");
    // A union input renamed (same type) keeps its partitioning: only the other input is exchanged.
    const renamed = exec.explain(sharedDistinctRenamedInUnion(), {} as never);
    expect(renamed).toContain("Exchange hashpartitioning(k) [adaptive");
    expect(renamed.match(/Exchange hashpartitioning/g)).toHaveLength(2);
  });
  it("broadcasts a small side", () => {
    const exec = workers({ threads: 2 });
    expect(exec.explain(Join.create(facts, dims, "left", null, ["k"]), {} as never)).toContain("right side broadcast");
  });
});
