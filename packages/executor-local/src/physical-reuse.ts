// Physical planning with repeated sub-plans computed once: every place that reads a repeated
// sub-plan gets the same SharedExec node (see operators/shared.ts).
import { repeatedSubplans, type LogicalPlan, type Schema } from "@lgde/core";
import type { SharedExec } from "./operators/shared.js";
import { physicalChildren, type PhysicalPlan } from "./physical-plan.js";
import { planPhysical, withPlanningHook } from "./physical-planner.js";

interface Draft { kind: "shared"; id: number; input: PhysicalPlan; consumers: number; schema: Schema }

/** The physical plan of `plan`, where sub-plans that occur more than once (and cost more than a replay) run once. */
export function planPhysicalWithReuse(plan: LogicalPlan): PhysicalPlan {
  const repeated = repeatedSubplans(plan);
  if (repeated.consumers.size === 0) return planPhysical(repeated.plan);
  const nodes = new Map<string, Draft>();
  let nextId = 0;
  const physical = withPlanningHook((node, make) => {
    const fp = repeated.fingerprints.of(node);
    if (!repeated.consumers.has(fp)) return make();
    let shared = nodes.get(fp);
    if (shared === undefined) {
      // The id is taken before planning the input, which may hold other shared sub-plans.
      const id = nextId++;
      shared = { kind: "shared", id, input: make(), consumers: 0, schema: node.schema };
      nodes.set(fp, shared);
    }
    return shared as SharedExec;
  }, () => planPhysical(repeated.plan));
  // Readers as planned (a sort under a limit is planned without the hook, so logical counts can differ).
  const seen = new Set<PhysicalPlan>();
  const count = (p: PhysicalPlan): void => {
    for (const c of physicalChildren(p)) {
      if (c.kind === "shared") (c as Draft).consumers++;
      if (seen.has(c)) continue;
      seen.add(c);
      count(c);
    }
  };
  if (physical.kind === "shared") (physical as Draft).consumers++;
  count(physical);
  for (const d of nodes.values()) Object.freeze(d);
  return physical;
}
