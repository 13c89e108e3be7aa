import { describe, expect, it } from "vitest";
import { E } from "../../../src/expr/build.js";
import { Project } from "../../../src/plan/nodes/index.js";
import { mergeProjections } from "../../../src/optimizer/rules/merge-projections.js";
import { applied, bin, col, lines, lit, values } from "../fixtures.js";

const t = values("a int32, b int32?", 3);

describe("merge-projections", () => {
  it("substitutes inner expressions into the outer projection, keeping names", () => {
    const inner = Project.create(t, [col("a"), E.alias(bin("+", col("a"), lit(1)), "c")]);
    const plan = Project.create(inner, [E.alias(bin("*", col("c"), lit(2)), "d"), col("a")]);
    const r = applied(mergeProjections, plan);
    expect(r.text).toBe(lines(
      "Project [((a + 1) * 2) AS d, a]",
      "+- LocalRelation [a, b], 3 rows",
    ));
    expect(r.plan.schema).toEqual(plan.schema);
  });

  it("renames with an alias when a substituted column keeps its name", () => {
    const inner = Project.create(t, [E.alias(bin("+", col("a"), lit(1)), "c"), E.alias(col("b"), "bb")]);
    const r = applied(mergeProjections, Project.create(inner, [col("c"), col("bb")]));
    expect(r.text).toBe(lines("Project [(a + 1) AS c, b AS bb]", "+- LocalRelation [a, b], 3 rows"));
  });

  it("does not compute an inner expression twice", () => {
    const inner = Project.create(t, [E.alias(bin("+", col("a"), lit(1)), "c")]);
    const plan = Project.create(inner, [E.alias(bin("*", col("c"), col("c")), "d")]);
    expect(applied(mergeProjections, plan).transformed).toBe(false);
  });

  it("removes a projection that passes its input through", () => {
    const r = applied(mergeProjections, Project.create(t, [col("a"), col("b")]));
    expect(r.text).toBe("LocalRelation [a, b], 3 rows");
    expect(applied(mergeProjections, Project.create(t, [col("b"), col("a")])).transformed).toBe(false);
  });
});
