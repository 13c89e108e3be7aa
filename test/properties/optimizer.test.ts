// Optimizer rules keep results: the reference evaluates each optimized variant of a generated plan to the same rows.
import fc from "fast-check";
import { describe, it } from "vitest";
import { explainLogical } from "@lgde/core";
import { evaluate } from "../reference/evaluate.js";
import { arbPlan } from "./generators.js";
import { dumpValues, multisetDiff, planVariants } from "./harness.js";

describe("optimizer = identity under the reference evaluator", () => {
  it("every rule set gives the unoptimized plan's multiset of rows", () => {
    fc.assert(
      fc.property(arbPlan({ maxOps: 4 }), (plan) => {
        const expected = evaluate(plan, { timeZone: "Asia/Seoul" }).rows;
        for (const v of planVariants(plan).slice(1)) {
          const diff = multisetDiff(expected, evaluate(v.plan, { timeZone: "Asia/Seoul" }).rows);
          if (diff) throw new Error(`${v.label}: ${diff}\nplan:\n${explainLogical(v.plan)}\noriginal:\n${explainLogical(plan)}\n${dumpValues(plan)}`);
        }
      }),
      { numRuns: Number(process.env.LGDE_PROPERTY_RUNS ?? 300) },
    );
  });
});
