import { describe, expect, it } from "vitest";
import { E } from "../../src/expr/build.js";
import { Aggregate, Filter, Join, Project } from "../../src/plan/nodes/index.js";
import { defaultRules, optimize, optimizeWithTrace, OptimizerError, type OptimizerRule } from "../../src/optimizer/index.js";
import { explainLogical } from "../../src/plan/explain.js";
import { and, bin, col, eq, gt, lines, lit, scan } from "./fixtures.js";

const users = scan("/user", "u_id int32, u_name utf8?, u_gender utf8?");
const buys = scan("/purchase", "p_uid int32, p_amount int32?, p_name utf8?");

describe("optimizer driver", () => {
  it("runs every rule to a fixpoint: pushdown, pruning, folding", () => {
    const joined = Join.create(users, buys, "left", eq(col("u_id"), col("p_uid")));
    const where = Filter.create(joined, and(gt(col("u_id"), bin("+", lit(1), lit(1))), E.isNull(col("u_name"), true)));
    const plan = Aggregate.create(where, [col("u_gender")], [E.alias(E.aggregate("sum", [col("p_amount")]), "revenue")]);
    const optimized = optimize(plan);
    expect(explainLogical(optimized)).toBe(lines(
      "Aggregate [u_gender], [u_gender, sum(p_amount) AS revenue]",
      "+- Project [u_gender, p_amount]",
      "   +- Join left, (u_id = p_uid)",
      "      :- Project [u_id, u_gender]",
      "      :  +- Filter ((u_id > 2) AND (u_name IS NOT NULL))",
      "      :     +- Scan parquet /user [u_id, u_name, u_gender] PushedFilters: [(u_id > 2), (u_name IS NOT NULL)]",
      "      +- Scan parquet /purchase [p_uid, p_amount]",
    ));
    expect(optimized.schema).toEqual(plan.schema);
    // A second run finds nothing left to do.
    expect(optimizeWithTrace(optimized).trace.every((t) => !t.changed)).toBe(true);
  });

  it("records a trace naming each rule with the plan after it", () => {
    const plan = Project.create(Filter.create(users, gt(col("u_id"), lit(1))), [col("u_name")]);
    const { plan: optimized, trace } = optimizeWithTrace(plan);
    expect(trace.slice(0, defaultRules.length).map((t) => t.rule)).toEqual(defaultRules.map((r) => r.name));
    const pushed = trace.find((t) => t.rule === "push-down-filter" && t.changed)!;
    expect(pushed.plan).toContain("PushedFilters: [(u_id > 1)]");
    expect(trace[trace.length - 1]!.plan).toBe(explainLogical(optimized));
    expect(trace.every((t) => t.millis >= 0)).toBe(true);
    // The last pass changes nothing: that is how the driver knows it is done.
    const lastPass = trace[trace.length - 1]!.pass;
    expect(trace.filter((t) => t.pass === lastPass).some((t) => t.changed)).toBe(false);
  });

  it("skips disabled rules and rejects unknown names", () => {
    const plan = Filter.create(users, gt(col("u_id"), lit(1)));
    expect(explainLogical(optimize(plan, { disabledRules: ["push-down-filter"] }))).toBe(lines(
      "Filter (u_id > 1)",
      "+- Scan parquet /user [u_id, u_name, u_gender]",
    ));
    expect(() => optimize(plan, { disabledRules: ["push-down-filters"] })).toThrow(/unknown optimizer rule "push-down-filters".*push-down-filter/);
  });

  it("names a rule that changes the output schema", () => {
    const dropsColumns: OptimizerRule = {
      name: "drop-columns",
      rewrite: (plan) => ({ plan: Project.create(plan, [col("u_id")]), transformed: true }),
    };
    const run = () => optimize(users, { rules: [...defaultRules, dropsColumns] });
    expect(run).toThrow(OptimizerError);
    expect(run).toThrow(/rule "drop-columns" changed the plan's output schema in pass 1: \[u_id: integer, u_name: string, u_gender: string\] became \[u_id: integer\]/);
    const retypes: OptimizerRule = {
      name: "retype",
      rewrite: (plan) => ({ plan: Project.create(plan, [E.alias(E.cast(col("u_id"), "int64"), "u_id"), col("u_name"), col("u_gender")]), transformed: true }),
    };
    expect(() => optimize(users, { rules: [retypes] })).toThrow(/rule "retype" changed .*u_id: long/);
  });

  it("names a rule that throws, keeping the cause", () => {
    const broken: OptimizerRule = { name: "broken", rewrite: () => { throw new Error("boom"); } };
    try {
      optimize(users, { rules: [broken] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OptimizerError);
      expect((e as OptimizerError).rule).toBe("broken");
      expect((e as Error).message).toBe('optimizer rule "broken" failed in pass 1: boom');
      expect((e as Error).cause).toBeInstanceOf(Error);
    }
  });

  it("stops after maxPasses even if a rule keeps changing the plan", () => {
    let calls = 0;
    const restless: OptimizerRule = {
      name: "restless",
      rewrite: (plan) => { calls++; return { plan, transformed: true }; },
    };
    optimize(users, { rules: [restless], maxPasses: 3 });
    expect(calls).toBe(3);
  });
});
