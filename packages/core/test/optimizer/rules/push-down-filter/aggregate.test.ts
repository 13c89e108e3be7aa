import { describe, expect, it } from "vitest";
import { E } from "../../../../src/expr/build.js";
import { Aggregate, Filter } from "../../../../src/plan/nodes/index.js";
import { pushDownFilter } from "../../../../src/optimizer/rules/push-down-filter/index.js";
import { and, applied, bin, col, gt, lines, lit, values } from "../../fixtures.js";

const t = values("k int32, v int32?", 3);

describe("push-down-filter through Aggregate", () => {
  it("moves conjuncts on grouping columns and keeps those on aggregates", () => {
    const agg = Aggregate.create(t, [col("k")], [E.alias(E.aggregate("count", []), "n")]);
    expect(applied(pushDownFilter, Filter.create(agg, and(gt(col("k"), lit(1)), gt(col("n"), lit(2))))).text).toBe(lines(
      "Filter (n > 2)",
      "+- Aggregate [k], [k, count(1) AS n]",
      "   +- Filter (k > 1)",
      "      +- LocalRelation [k, v], 3 rows",
    ));
  });

  it("substitutes aliased grouping expressions", () => {
    const agg = Aggregate.create(t, [E.alias(bin("%", col("k"), lit(2)), "parity")], [E.aggregate("sum", [col("v")])]);
    expect(applied(pushDownFilter, Filter.create(agg, gt(col("parity"), lit(0)))).text).toBe(lines(
      "Aggregate [(k % 2) AS parity], [(k % 2) AS parity, sum(v)]",
      "+- Filter ((k % 2) > 0)",
      "   +- LocalRelation [k, v], 3 rows",
    ));
  });

  it("never moves a constant conjunct below a global aggregate (it yields a row even from no input)", () => {
    const agg = Aggregate.create(t, [], [E.alias(E.aggregate("count", []), "n")]);
    const plan = Filter.create(agg, E.binary("=", lit(1), lit(2)));
    expect(applied(pushDownFilter, plan).transformed).toBe(false);
  });
});
