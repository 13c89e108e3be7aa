// The local executor agrees with the reference evaluator on generated plans, optimized or not, with each rule off.
import fc from "fast-check";
import { describe, it } from "vitest";
import { local } from "@lgde/executor-local";
import { arbPlan, arbSharedPlan, type PlanOp } from "./generators.js";
import { checkAgainstReference, testContext } from "./harness.js";

const executor = local();
const runs = (n: number) => ({ numRuns: Number(process.env.LGDE_PROPERTY_RUNS ?? n) });

function property(ops: readonly PlanOp[], maxOps: number, numRuns: number) {
  return fc.assert(
    fc.asyncProperty(arbPlan({ ops, maxOps }), fc.integer({ min: 1, max: 16 }), async (plan, batchSize) => {
      await checkAgainstReference(executor, plan, testContext(batchSize));
    }),
    runs(numRuns),
  );
}

describe("local executor = reference", () => {
  it("filters and projections (arithmetic, casts, three-valued logic)", () => property(["filter", "project"], 3, 200));
  it("aggregations with and without keys", () => property(["filter", "project", "aggregate"], 2, 200));
  it("joins of every type, on using-columns and on conditions", () => property(["join", "filter", "project"], 2, 200));
  it("distinct, dropDuplicates, union, subtract", () => property(["distinct", "dropDuplicates", "union", "subtract", "filter"], 3, 150));
  it("sort and sort + limit", () => property(["sort", "sortLimit", "filter", "project"], 2, 150));
  it("mixed plans", () => property(["filter", "project", "aggregate", "join", "distinct", "dropDuplicates", "union", "subtract", "sort", "sortLimit"], 4, 200));
  it("plans that read one sub-plan from several places (computed once, replayed)", () =>
    fc.assert(
      fc.asyncProperty(arbSharedPlan(), fc.integer({ min: 1, max: 16 }), async (plan, batchSize) => {
        await checkAgainstReference(executor, plan, testContext(batchSize));
      }),
      runs(150),
    ));
});
