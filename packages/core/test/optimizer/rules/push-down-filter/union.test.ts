import { describe, expect, it } from "vitest";
import { Except, Filter, Union } from "../../../../src/plan/nodes/index.js";
import { pushDownFilter } from "../../../../src/optimizer/rules/push-down-filter/index.js";
import { applied, col, gt, lines, lit, values } from "../../fixtures.js";

describe("push-down-filter through Union and Except", () => {
  it("renames by position and casts widened columns", () => {
    const plan = Filter.create(Union.create([values("a int64", 1), values("x int32", 2)]), gt(col("a"), lit(1)));
    expect(applied(pushDownFilter, plan).text).toBe(lines(
      "Union",
      ":- Filter (a > 1)",
      ":  +- LocalRelation [a], 1 row",
      "+- Filter (CAST(x AS INT64) > 1)",
      "   +- LocalRelation [x], 2 rows",
    ));
  });

  it("filters only the left side of an Except", () => {
    const plan = Filter.create(Except.create(values("a int32", 1), values("x int32", 2)), gt(col("a"), lit(1)));
    expect(applied(pushDownFilter, plan).text).toBe(lines(
      "Except",
      ":- Filter (a > 1)",
      ":  +- LocalRelation [a], 1 row",
      "+- LocalRelation [x], 2 rows",
    ));
  });
});
