import { describe, expect, it } from "vitest";
import { E } from "../../src/expr/build.js";
import { Aggregate, Distinct, Except, Filter, Join, Limit, Project, Scan, Sort, Union } from "../../src/plan/nodes/index.js";
import { explainLogical, exprToString } from "../../src/plan/explain.js";
import { col, eq, fields, gt, lines, lit, scan, values } from "../optimizer/fixtures.js";

describe("explainLogical", () => {
  it("draws a linear plan like Spark", () => {
    const s = scan("/t", "a int32, b int32?");
    const plan = Project.create(Filter.create(s, gt(col("a"), lit(1))), [col("a"), E.alias(E.binary("+", col("b"), lit(1)), "c")]);
    expect(explainLogical(plan)).toBe(lines(
      "Project [a, (b + 1) AS c]",
      "+- Filter (a > 1)",
      "   +- Scan parquet /t [a, b]",
    ));
  });

  it("draws siblings with :- and prints every kind", () => {
    const users = scan("/users", "a_uid int32, a_id utf8");
    const buys = values("p_uid int32, p_amount int32?", 3);
    const joined = Join.create(users, buys, "left", eq(col("a_uid"), col("p_uid")));
    const agg = Aggregate.create(joined, [col("a_id")], [E.alias(E.aggregate("count", []), "n"), E.aggregate("sum", [col("p_amount")])]);
    const sorted = Limit.create(Sort.create(agg, [E.sortOrder(col("n"), false)]), 10);
    expect(explainLogical(sorted)).toBe(lines(
      "Limit 10",
      "+- Sort [n DESC NULLS LAST]",
      "   +- Aggregate [a_id], [a_id, count(1) AS n, sum(p_amount)]",
      "      +- Join left, (a_uid = p_uid)",
      "         :- Scan parquet /users [a_uid, a_id]",
      "         +- LocalRelation [p_uid, p_amount], 3 rows",
    ));
  });

  it("prints set operations, dedup, using joins and pushed filters", () => {
    const t = Scan.create(scan("/t", "k int32, v utf8").source, ["k"], [gt(col("k"), lit(0))]);
    const u = values("k int32", 1);
    const plan = Except.create(
      Union.create([Distinct.create(t), Distinct.create(u, ["k"])]),
      Join.create(u, values("k int32, w utf8", 0), "semi", null, ["k"]),
    );
    expect(explainLogical(plan)).toBe(lines(
      "Except",
      ":- Union",
      ":  :- Distinct",
      ":  :  +- Scan parquet /t [k] PushedFilters: [(k > 0)]",
      ":  +- Deduplicate [k]",
      ":     +- LocalRelation [k], 1 row",
      "+- Join semi, using [k]",
      "   :- LocalRelation [k], 1 row",
      "   +- LocalRelation [k, w], 0 rows",
    ));
  });

  it("renders aliases with AS and keeps Spark's automatic names", () => {
    expect(exprToString(E.alias(E.aggregate("count", [col("a")], { distinct: true }), "n"))).toBe("count(DISTINCT a) AS n");
    expect(exprToString(E.isNull(col("a"), true))).toBe("(a IS NOT NULL)");
    expect(fields("a int32").fields[0]!.nullable).toBe(false);
  });
});
