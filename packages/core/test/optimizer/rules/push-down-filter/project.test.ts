import { describe, expect, it } from "vitest";
import { E } from "../../../../src/expr/build.js";
import { Filter, Project } from "../../../../src/plan/nodes/index.js";
import { pushDownFilter } from "../../../../src/optimizer/rules/push-down-filter/index.js";
import { and, applied, bin, col, eq, gt, lines, lit, values } from "../../fixtures.js";

const t = values("a int32, b int32?", 3);

describe("push-down-filter through Project", () => {
  it("substitutes aliases and filters below", () => {
    const p = Project.create(t, [col("a"), E.alias(bin("+", col("b"), lit(1)), "c")]);
    expect(applied(pushDownFilter, Filter.create(p, gt(col("c"), lit(1)))).text).toBe(lines(
      "Project [a, (b + 1) AS c]",
      "+- Filter ((b + 1) > 1)",
      "   +- LocalRelation [a, b], 3 rows",
    ));
  });

  it("moves constant conjuncts even when output names repeat", () => {
    const p = Project.create(t, [col("a"), E.alias(col("b"), "a")]);
    const plan = Filter.create(p, gt(lit(2), lit(1)));
    // A constant conjunct reads no ambiguous column and moves; nothing else is there.
    expect(applied(pushDownFilter, plan).text).toBe(lines(
      "Project [a, b AS a]",
      "+- Filter (2 > 1)",
      "   +- LocalRelation [a, b], 3 rows",
    ));
  });

  it("pushes through stacked projections in one application", () => {
    const p1 = Project.create(t, [E.alias(col("a"), "x"), col("b")]);
    const p2 = Project.create(p1, [E.alias(col("x"), "y")]);
    expect(applied(pushDownFilter, Filter.create(p2, and(eq(col("y"), lit(1)), gt(col("y"), lit(0))))).text).toBe(lines(
      "Project [x AS y]",
      "+- Project [a AS x, b]",
      "   +- Filter ((a = 1) AND (a > 0))",
      "      +- LocalRelation [a, b], 3 rows",
    ));
  });
});
