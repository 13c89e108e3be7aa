import { describe, expect, it } from "vitest";
import { E } from "../../../../src/expr/build.js";
import { Filter, Limit, Sort } from "../../../../src/plan/nodes/index.js";
import { pushDownFilter } from "../../../../src/optimizer/rules/push-down-filter/index.js";
import { applied, col, gt, lines, lit, values } from "../../fixtures.js";

const t = values("a int32", 3);

describe("push-down-filter through Sort", () => {
  it("filters before sorting", () => {
    const plan = Filter.create(Sort.create(t, [E.sortOrder(col("a"))]), gt(col("a"), lit(1)));
    expect(applied(pushDownFilter, plan).text).toBe(lines(
      "Sort [a ASC NULLS FIRST]",
      "+- Filter (a > 1)",
      "   +- LocalRelation [a], 3 rows",
    ));
  });

  it("never crosses a Limit", () => {
    const plan = Filter.create(Limit.create(Sort.create(t, [E.sortOrder(col("a"))]), 2), gt(col("a"), lit(1)));
    expect(applied(pushDownFilter, plan).transformed).toBe(false);
  });
});
