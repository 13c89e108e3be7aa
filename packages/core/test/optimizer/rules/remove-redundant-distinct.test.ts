import { describe, expect, it } from "vitest";
import { E } from "../../../src/expr/build.js";
import { Aggregate, Distinct, Filter, Join, Project } from "../../../src/plan/nodes/index.js";
import { removeRedundantDistinct } from "../../../src/optimizer/rules/remove-redundant-distinct.js";
import { applied, col, gt, lit, scan } from "../fixtures.js";

const access = () => scan("/access", "a_time int64?, a_uid int32?, a_id utf8?");
const countDistinct = (name: string) => E.alias(E.aggregate("count", [col(name)], { distinct: true }), "n");

describe("remove-redundant-distinct", () => {
  it("drops a distinct under a count of distinct values, through projections and filters", () => {
    const plan = Aggregate.create(Project.create(Filter.create(Distinct.create(access()), gt(col("a_uid"), lit(0))), [col("a_uid")]), [], [countDistinct("a_uid")]);
    const r = applied(removeRedundantDistinct, plan);
    expect(r.transformed).toBe(true);
    expect(r.text).not.toContain("Distinct");
    expect(r.text).toContain("Scan parquet /access");
  });

  it("drops one under min, max and grouping alone", () => {
    const grouped = Aggregate.create(Distinct.create(access()), [col("a_id")], [E.alias(E.aggregate("max", [col("a_time")]), "last"), E.alias(E.aggregate("min", [col("a_uid")]), "first")]);
    expect(applied(removeRedundantDistinct, grouped).text).not.toContain("Distinct");
    const onlyGroups = Aggregate.create(Distinct.create(access()), [col("a_uid")], []);
    expect(applied(removeRedundantDistinct, onlyGroups).transformed).toBe(true);
  });

  it("keeps it under an aggregate that counts duplicates (count, sum, avg, first; count(*), even marked DISTINCT)", () => {
    for (const fn of ["count", "sum", "avg", "first"] as const) {
      const plan = Aggregate.create(Distinct.create(access()), [], [countDistinct("a_uid"), E.alias(E.aggregate(fn, [col("a_uid")]), "x")]);
      expect(applied(removeRedundantDistinct, plan).transformed).toBe(false);
    }
    for (const distinct of [false, true]) {
      const rows = Aggregate.create(Distinct.create(access()), [], [E.alias(E.aggregate("count", [], { distinct }), "rows")]);
      expect(applied(removeRedundantDistinct, rows).transformed).toBe(false);
    }
  });

  it("keeps dropDuplicates on some columns, a distinct over doubles and a shared distinct", () => {
    const some = Aggregate.create(Distinct.create(access(), ["a_uid"]), [], [countDistinct("a_id")]);
    expect(applied(removeRedundantDistinct, some).transformed).toBe(false);
    const doubles = scan("/d", "x float64?, k int32?");
    expect(applied(removeRedundantDistinct, Aggregate.create(Distinct.create(doubles), [], [E.alias(E.aggregate("min", [col("x")]), "m")])).transformed).toBe(false);
    const d = Distinct.create(access());
    const shared = Join.create(Aggregate.create(d, [], [countDistinct("a_uid")]), Aggregate.create(d, [], [E.alias(E.aggregate("count", []), "rows")]), "cross", null, []);
    expect(applied(removeRedundantDistinct, shared).transformed).toBe(false);
  });

  it("keeps the aggregate's schema", () => {
    const plan = Aggregate.create(Project.create(Distinct.create(access()), [col("a_uid")]), [], [countDistinct("a_uid")]);
    expect(applied(removeRedundantDistinct, plan).plan.schema).toEqual(plan.schema);
  });
});
