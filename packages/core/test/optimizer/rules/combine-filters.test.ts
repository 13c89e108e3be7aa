import { describe, expect, it } from "vitest";
import { Filter } from "../../../src/plan/nodes/index.js";
import { combineFilters } from "../../../src/optimizer/rules/combine-filters.js";
import { applied, col, gt, lines, lit, values } from "../fixtures.js";

describe("combine-filters", () => {
  it("joins adjacent filters with AND, inner first", () => {
    const t = values("a int32, b int32", 1);
    const plan = Filter.create(Filter.create(Filter.create(t, gt(col("a"), lit(1))), gt(col("b"), lit(2))), gt(col("a"), col("b")));
    expect(applied(combineFilters, plan).text).toBe(lines(
      "Filter (((a > 1) AND (b > 2)) AND (a > b))",
      "+- LocalRelation [a, b], 1 row",
    ));
    expect(applied(combineFilters, Filter.create(t, gt(col("a"), lit(1)))).transformed).toBe(false);
  });
});
