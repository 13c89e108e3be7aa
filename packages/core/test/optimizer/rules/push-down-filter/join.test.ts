import { describe, expect, it } from "vitest";
import { Filter, Join } from "../../../../src/plan/nodes/index.js";
import type { JoinType } from "../../../../src/plan/plan.js";
import { pushDownFilter } from "../../../../src/optimizer/rules/push-down-filter/index.js";
import { and, applied, col, eq, gt, lines, lit, values } from "../../fixtures.js";

const l = values("k int32, a int32?", 2);
const r = values("y int32, b int32?", 3);
const where = and(gt(col("a"), lit(1)), eq(col("b"), lit(2)));

function pushed(how: JoinType, predicate = where, on: ReturnType<typeof eq> | null = eq(col("k"), col("y"))) {
  return applied(pushDownFilter, Filter.create(Join.create(l, r, how, on), predicate)).text;
}

describe("push-down-filter into joins", () => {
  it("inner: each conjunct into its side", () => {
    expect(pushed("inner")).toBe(lines(
      "Join inner, (k = y)",
      ":- Filter (a > 1)",
      ":  +- LocalRelation [k, a], 2 rows",
      "+- Filter (b = 2)",
      "   +- LocalRelation [y, b], 3 rows",
    ));
  });

  it("left: left conjuncts go left, right conjuncts of the WHERE stay above", () => {
    expect(pushed("left")).toBe(lines(
      "Filter (b = 2)",
      "+- Join left, (k = y)",
      "   :- Filter (a > 1)",
      "   :  +- LocalRelation [k, a], 2 rows",
      "   +- LocalRelation [y, b], 3 rows",
    ));
  });

  it("right: mirror of left", () => {
    expect(pushed("right")).toBe(lines(
      "Filter (a > 1)",
      "+- Join right, (k = y)",
      "   :- LocalRelation [k, a], 2 rows",
      "   +- Filter (b = 2)",
      "      +- LocalRelation [y, b], 3 rows",
    ));
  });

  it("full: nothing moves", () => {
    const plan = Filter.create(Join.create(l, r, "full", eq(col("k"), col("y"))), where);
    const res = applied(pushDownFilter, plan);
    expect(res.transformed).toBe(false);
    expect(res.plan).toBe(plan);
  });

  it("semi and anti: the WHERE goes left", () => {
    for (const how of ["semi", "anti"] as const) {
      expect(pushed(how, gt(col("a"), lit(1)))).toBe(lines(
        `Join ${how}, (k = y)`,
        ":- Filter (a > 1)",
        ":  +- LocalRelation [k, a], 2 rows",
        "+- LocalRelation [y, b], 3 rows",
      ));
    }
  });

  it("inner: a conjunct reading both sides joins the condition; a cross join becomes inner", () => {
    expect(pushed("cross", gt(col("a"), col("b")), null)).toBe(lines(
      "Join inner, (a > b)",
      ":- LocalRelation [k, a], 2 rows",
      "+- LocalRelation [y, b], 3 rows",
    ));
  });

  it("using keys: both sides of an inner join, the preserved side of outer joins, cast to the key type", () => {
    const l2 = values("k int32, a int32?", 2);
    const r2 = values("k int64, b int32?", 3);
    const inner = Filter.create(Join.create(l2, r2, "inner", null, ["k"]), gt(col("k"), lit(5)));
    expect(applied(pushDownFilter, inner).text).toBe(lines(
      "Join inner, using [k]",
      ":- Filter (CAST(k AS INT64) > 5)",
      ":  +- LocalRelation [k, a], 2 rows",
      "+- Filter (k > 5)",
      "   +- LocalRelation [k, b], 3 rows",
    ));
    const right = Filter.create(Join.create(l2, r2, "right", null, ["k"]), gt(col("k"), lit(5)));
    expect(applied(pushDownFilter, right).text).toBe(lines(
      "Join right, using [k]",
      ":- LocalRelation [k, a], 2 rows",
      "+- Filter (k > 5)",
      "   +- LocalRelation [k, b], 3 rows",
    ));
  });

  it("splits single-side conjuncts of the ON condition where that keeps results", () => {
    const on = and(eq(col("k"), col("y")), and(gt(col("a"), lit(0)), gt(col("b"), lit(0))));
    const leftJoin = applied(pushDownFilter, Join.create(l, r, "left", on)).text;
    // A left join keeps every left row, so `a > 0` must stay in the condition; `b > 0` filters the right side.
    expect(leftJoin).toBe(lines(
      "Join left, ((k = y) AND (a > 0))",
      ":- LocalRelation [k, a], 2 rows",
      "+- Filter (b > 0)",
      "   +- LocalRelation [y, b], 3 rows",
    ));
    const anti = applied(pushDownFilter, Join.create(l, r, "anti", on)).text;
    expect(anti).toBe(lines(
      "Join anti, ((k = y) AND (a > 0))",
      ":- LocalRelation [k, a], 2 rows",
      "+- Filter (b > 0)",
      "   +- LocalRelation [y, b], 3 rows",
    ));
    const inner = applied(pushDownFilter, Join.create(l, r, "inner", on)).text;
    expect(inner).toBe(lines(
      "Join inner, (k = y)",
      ":- Filter (a > 0)",
      ":  +- LocalRelation [k, a], 2 rows",
      "+- Filter (b > 0)",
      "   +- LocalRelation [y, b], 3 rows",
    ));
    expect(applied(pushDownFilter, Join.create(l, r, "full", on)).transformed).toBe(false);
  });
});
