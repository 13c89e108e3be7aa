// Property: on generated plans, workers() returns local()'s rows (as multisets; in order after a sort).
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { explainLogical, optimize, type LogicalPlan } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { workers } from "@lgde/executor-workers";
import { arbPlan, arbSharedPlan } from "../../../test/properties/generators.js";
import { multisetDiff, orderViolation, runPlan, testContext } from "../../../test/properties/harness.js";

const runs = (n: number) => ({ numRuns: Number(process.env.LGDE_PROPERTY_RUNS ?? n) });
const reference = local();

describe.each([1, 2, 4])("workers({ threads: %i }) = local()", (threads) => {
  const execs = [workers({ threads, broadcastRows: 0 }), workers({ threads, broadcastRows: 8 })];
  // Partial steps decided on each task's first batch: generated inputs then take every path (partial
  // distinct done or skipped, partial aggregation done or replaced by each row's own state; a count
  // that ignored nulls in the latter was caught in 2 of 3 thread counts per run, against 1 in 6 with
  // 3-row samples).
  const sampling = workers({ threads, broadcastRows: 0, partialSampleRows: 1 });
  afterAll(() => Promise.all([...execs, sampling].map((e) => e.stop())));

  it("on generated plans, optimized and not", () => fc.assert(
    fc.asyncProperty(arbPlan({ maxOps: 4 }), fc.integer({ min: 1, max: 16 }), fc.boolean(), fc.boolean(),
      async (generated: LogicalPlan, batchSize: number, optimized: boolean, broadcast: boolean) => {
        const plan = optimized ? optimize(generated) : generated;
        const ctx = testContext(batchSize);
        const want = await runPlan(reference, plan, ctx);
        const got = await runPlan(execs[broadcast ? 1 : 0]!, plan, ctx);
        const diff = multisetDiff(want, got) ?? orderViolation(plan, got);
        if (diff !== null) throw new Error(`${diff}\nplan:\n${explainLogical(plan)}`);
      }),
    runs(60),
  ));

  it("with partial steps before exchanges decided on tiny samples", () => fc.assert(
    fc.asyncProperty(arbPlan({ maxOps: 4 }), fc.integer({ min: 1, max: 16 }), fc.boolean(),
      async (generated: LogicalPlan, batchSize: number, optimized: boolean) => {
        const plan = optimized ? optimize(generated) : generated;
        const ctx = testContext(batchSize);
        const want = await runPlan(reference, plan, ctx);
        const got = await runPlan(sampling, plan, ctx);
        const diff = multisetDiff(want, got) ?? orderViolation(plan, got);
        if (diff !== null) throw new Error(`${diff}\nplan:\n${explainLogical(plan)}`);
      }),
    runs(200),
  ));

  it("on plans that read one sub-plan from several places (computed once, kept in shared memory)", () => fc.assert(
    fc.asyncProperty(arbSharedPlan(), fc.integer({ min: 1, max: 16 }), fc.boolean(), async (generated, batchSize, broadcast) => {
      const plan = optimize(generated);
      const ctx = testContext(batchSize);
      const want = await runPlan(reference, plan, ctx);
      const got = await runPlan(execs[broadcast ? 1 : 0]!, plan, ctx);
      const diff = multisetDiff(want, got) ?? orderViolation(plan, got);
      if (diff !== null) throw new Error(`${diff}\nplan:\n${explainLogical(plan)}`);
    }),
    runs(40),
  ));
});
