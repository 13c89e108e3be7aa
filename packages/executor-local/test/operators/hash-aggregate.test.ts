import { Aggregate, E, Filter } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { run, sorted, values } from "../helpers.js";

const c = E.column, lit = E.literal;
const agg = (fn: "count" | "sum" | "avg" | "min" | "max" | "first", args: ReturnType<typeof c>[], distinct = false) => E.aggregate(fn, args, { distinct, ignoreNulls: false });

const data = values([["k", "utf8"], ["v", "int32"], ["d", "float64"]], [
  ["a", 1, 1.5], ["b", 2, null], ["a", null, 2.5], [null, 4, 4], ["b", 2, 0.5], [null, 6, null], ["a", 1, 1],
], 3);

describe("hash aggregate", () => {
  it("groups (nulls together) with count, count(col), sum, avg, min, max", async () => {
    const plan = Aggregate.create(data, [c("k")], [
      E.alias(E.aggregate("count", [], { distinct: false, ignoreNulls: false }), "n"),
      E.alias(agg("count", [c("v")]), "nv"),
      E.alias(agg("sum", [c("v")]), "s"),
      E.alias(agg("avg", [c("v")]), "a"),
      E.alias(agg("min", [c("d")]), "mn"),
      E.alias(agg("max", [c("k")]), "mx"),
      E.alias(agg("count", [c("v")], true), "nd"),
      E.alias(agg("sum", [c("v")], true), "sd"),
    ]);
    expect(plan.schema.fields.map((f) => f.type)).toEqual(["utf8", "int64", "int64", "int64", "float64", "float64", "utf8", "int64", "int64"]);
    const rows = await run(plan);
    expect(sorted(rows)).toEqual(sorted([
      ["a", 3, 2, 2, 1, 1, "a", 1, 1],
      ["b", 2, 2, 4, 2, 0.5, "b", 1, 2],
      [null, 2, 2, 10, 5, 4, null, 2, 10],
    ]));
  });

  it("int keys take the fast path and group nulls together", async () => {
    const v = values([["k", "int32"], ["x", "int64"]], [[1, 5], [2, 6], [null, 7], [1, null], [null, 8], [2, 9]], 2);
    const rows = await run(Aggregate.create(v, [c("k")], [E.alias(agg("sum", [c("x")]), "s"), E.alias(agg("count", [c("x")]), "n")]));
    expect(sorted(rows)).toEqual(sorted([[1, 5, 1], [2, 15, 2], [null, 15, 2]]));
  });

  it("empty input without keys gives one row: count 0, sum null", async () => {
    const empty = Filter.create(data, lit(false));
    const rows = await run(Aggregate.create(empty, [], [
      E.alias(E.aggregate("count", [], { distinct: false, ignoreNulls: false }), "n"),
      E.alias(agg("sum", [c("v")]), "s"),
      E.alias(agg("avg", [c("v")]), "a"),
      E.alias(agg("max", [c("k")]), "m"),
    ]));
    expect(rows).toEqual([[0, null, null, null]]);
    expect(await run(Aggregate.create(empty, [c("k")], [E.alias(agg("count", [c("v")]), "n")]))).toEqual([]);
  });

  it("all-null groups: sum null, count 0", async () => {
    const v = values([["k", "int32"], ["x", "int32"]], [[1, null], [1, null]]);
    expect(await run(Aggregate.create(v, [c("k")], [E.alias(agg("sum", [c("x")]), "s"), E.alias(agg("count", [c("x")]), "n")]))).toEqual([[1, null, 0]]);
  });

  it("computes expressions over aggregates and grouping keys", async () => {
    const v = values([["k", "int32"], ["x", "int32"]], [[1, 2], [1, 4], [2, 10]]);
    const plan = Aggregate.create(v, [c("k")], [E.alias(E.binary("+", agg("sum", [c("x")]), c("k")), "t"), E.alias(E.binary("*", agg("max", [c("x")]), lit(2)), "m2")]);
    expect(sorted(await run(plan))).toEqual([[1, 7, 8], [2, 12, 20]]);
  });

  it("sums int64 exactly beyond 2^53", async () => {
    const v = values([["x", "int64"]], [[2n ** 62n], [2n ** 62n - 1n], [1n]]);
    const rows = await run(Aggregate.create(v, [], [E.alias(agg("sum", [c("x")]), "s")]));
    expect(rows[0]![0]).toBe(-(2n ** 63n)); // wraps like Spark's non-ANSI long sum
    const w = values([["x", "int64"]], [[2n ** 60n], [2n ** 60n + 1n], [3n]]);
    expect((await run(Aggregate.create(w, [], [E.alias(agg("sum", [c("x")]), "s")])))[0]![0]).toBe(2n ** 61n + 4n);
  });

  it("first respects ignoreNulls; multi-column keys", async () => {
    const v = values([["a", "int32"], ["b", "utf8"], ["x", "int32"]], [[1, "x", null], [1, "x", 3], [1, "y", 4], [null, null, 5], [null, null, 6]]);
    const rows = await run(Aggregate.create(v, [c("a"), c("b")], [
      E.alias(E.aggregate("first", [c("x")], { distinct: false, ignoreNulls: true }), "f"),
      E.alias(E.aggregate("first", [c("x")], { distinct: false, ignoreNulls: false }), "g"),
    ]));
    expect(sorted(rows)).toEqual(sorted([[1, "x", 3, null], [1, "y", 4, 4], [null, null, 5, 5]]));
  });
});
