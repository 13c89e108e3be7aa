import { describe, expect, it } from "vitest";
import { Distinct, Filter } from "../../../../src/plan/nodes/index.js";
import { pushDownFilter } from "../../../../src/optimizer/rules/push-down-filter/index.js";
import { and, applied, col, gt, lines, lit, values } from "../../fixtures.js";

const t = values("a int32, b int32", 3);

describe("push-down-filter through Distinct", () => {
  it("distinct() commutes with any filter", () => {
    expect(applied(pushDownFilter, Filter.create(Distinct.create(t), gt(col("b"), lit(1)))).text).toBe(lines(
      "Distinct",
      "+- Filter (b > 1)",
      "   +- LocalRelation [a, b], 3 rows",
    ));
  });

  it("dropDuplicates(keys) only with filters on its keys", () => {
    const plan = Filter.create(Distinct.create(t, ["a"]), and(gt(col("a"), lit(1)), gt(col("b"), lit(1))));
    expect(applied(pushDownFilter, plan).text).toBe(lines(
      "Filter (b > 1)",
      "+- Deduplicate [a]",
      "   +- Filter (a > 1)",
      "      +- LocalRelation [a, b], 3 rows",
    ));
  });
});
