// Physical planning with repeated sub-plans computed once: every place that reads a repeated
// sub-plan gets the same SharedExec node (see operators/shared.ts).
import { repeatedSubplans, type LogicalPlan } from "@lgde/core";
import type { SharedExec } from "./operators/shared.js";
import type { PhysicalPlan } from "./physical-plan.js";
import { planPhysical, withPlanningHook } from "./physical-planner.js";

/** The physical plan of `plan`, where sub-plans that occur more than once (and cost more than a replay) run once. */
export function planPhysicalWithReuse(plan: LogicalPlan): PhysicalPlan {
  const repeated = repeatedSubplans(plan);
  if (repeated.consumers.size === 0) return planPhysical(repeated.plan);
  const nodes = new Map<string, SharedExec>();
  return withPlanningHook((node, make) => {
    const fp = repeated.fingerprints.of(node);
    const consumers = repeated.consumers.get(fp);
    if (consumers === undefined) return make();
    let shared = nodes.get(fp);
    if (shared === undefined) {
      shared = Object.freeze({ kind: "shared", id: nodes.size, input: make(), consumers, schema: node.schema });
      nodes.set(fp, shared);
    }
    return shared;
  }, () => planPhysical(repeated.plan));
}
