import { describe, expect, it } from "vitest";
import { E } from "../../../src/expr/build.js";
import { Aggregate, Distinct, Filter, Join, Limit, Project, Scan, Sort, Union } from "../../../src/plan/nodes/index.js";
import { pruneColumns } from "../../../src/optimizer/rules/prune-columns.js";
import { applied, col, eq, gt, lines, lit, scan, values } from "../fixtures.js";

const t = scan("/t", "k int32, v int32?, w utf8?");

describe("prune-columns", () => {
  it("narrows scans below projections and filters", () => {
    const plan = Project.create(Filter.create(t, gt(col("v"), lit(1))), [col("k")]);
    const r = applied(pruneColumns, plan);
    expect(r.text).toBe(lines(
      "Project [k]",
      "+- Filter (v > 1)",
      "   +- Scan parquet /t [k, v]",
    ));
    expect(r.plan.schema).toEqual(plan.schema);
    expect(applied(pruneColumns, r.plan).transformed).toBe(false);
  });

  it("inserts projections below joins and aggregates, and keeps a column for count(*)", () => {
    const right = values("j int32, x utf8?", 3);
    const joined = Join.create(t, right, "inner", eq(col("k"), col("j")));
    const plan = Aggregate.create(joined, [col("k")], [E.alias(E.aggregate("sum", [col("v")]), "s")]);
    expect(applied(pruneColumns, plan).text).toBe(lines(
      "Aggregate [k], [k, sum(v) AS s]",
      "+- Project [k, v]",
      "   +- Join inner, (k = j)",
      "      :- Scan parquet /t [k, v]",
      "      +- Project [j]",
      "         +- LocalRelation [j, x], 3 rows",
    ));
    const countAll = Aggregate.create(values("a int32, b int32", 2), [], [E.aggregate("count", [])]);
    expect(applied(pruneColumns, countAll).text).toBe(lines(
      "Aggregate [], [count(1)]",
      "+- Project [a]",
      "   +- LocalRelation [a, b], 2 rows",
    ));
  });

  it("drops aggregate outputs nobody reads, keeping one output of a global aggregate", () => {
    const grouped = Aggregate.create(t, [col("k")], [E.alias(E.aggregate("count", []), "n"), E.alias(E.aggregate("sum", [col("v")]), "s")]);
    const counted = Aggregate.create(grouped, [], [E.alias(E.aggregate("count", []), "count")]);
    const r = applied(pruneColumns, counted);
    expect(r.text).toBe(lines(
      "Aggregate [], [count(1) AS count]",
      "+- Aggregate [k], [k]",
      "   +- Scan parquet /t [k]",
    ));
    expect(r.plan.schema).toEqual(counted.schema);
    // Only `s` is read above: `n` goes, and so does nothing `s` needs.
    const sums = Project.create(grouped, [col("s")]);
    expect(applied(pruneColumns, sums).text).toBe(lines(
      "Project [s]",
      "+- Aggregate [k], [k, sum(v) AS s]",
      "   +- Scan parquet /t [k, v]",
    ));
    const global = Aggregate.create(t, [], [E.alias(E.aggregate("sum", [col("v")]), "s"), E.alias(E.aggregate("max", [col("w")]), "m")]);
    const overGlobal = Aggregate.create(global, [], [E.alias(E.aggregate("count", []), "count")]);
    expect(applied(pruneColumns, overGlobal).text).toBe(lines(
      "Aggregate [], [count(1) AS count]",
      "+- Aggregate [], [sum(v) AS s]",
      "   +- Scan parquet /t [v]",
    ));
  });

  it("keeps the columns pushed filters read, and prunes the right side of a semi join to its keys", () => {
    const filtered = Scan.create(t.source, null, [gt(col("w"), lit("a"))]);
    const semi = Join.create(Project.create(filtered, [col("k")]), values("k int32, z int32", 1), "semi", null, ["k"]);
    expect(applied(pruneColumns, semi).text).toBe(lines(
      "Join semi, using [k]",
      ":- Project [k]",
      ":  +- Scan parquet /t [k, w] PushedFilters: [(w > a)]",
      "+- Project [k]",
      "   +- LocalRelation [k, z], 1 row",
    ));
  });

  it("drops unused projection outputs but never changes the root's schema", () => {
    const inner = Project.create(t, [col("k"), E.alias(E.binary("+", col("v"), lit(1)), "v1"), col("w")]);
    const plan = Sort.create(Project.create(inner, [col("v1")]), [E.sortOrder(col("v1"))]);
    const r = applied(pruneColumns, plan);
    expect(r.text).toBe(lines(
      "Sort [v1 ASC NULLS FIRST]",
      "+- Project [v1]",
      "   +- Project [(v + 1) AS v1]",
      "      +- Scan parquet /t [v]",
    ));
    expect(r.plan.schema).toEqual(plan.schema);
  });

  it("prunes union inputs by position, and leaves distinct() inputs whole", () => {
    const u = Union.create([values("a int32, b int32", 1), values("x int32, y int32", 2)]);
    expect(applied(pruneColumns, Project.create(u, [col("b")])).text).toBe(lines(
      "Project [b]",
      "+- Union",
      "   :- Project [b]",
      "   :  +- LocalRelation [a, b], 1 row",
      "   +- Project [y]",
      "      +- LocalRelation [x, y], 2 rows",
    ));
    const d = Project.create(Distinct.create(t), [col("k")]);
    expect(applied(pruneColumns, d).transformed).toBe(false);
    const limited = Project.create(Limit.create(t, 3), [col("w")]);
    expect(applied(pruneColumns, limited).text).toBe(lines("Project [w]", "+- Limit 3", "   +- Scan parquet /t [w]"));
  });
});
