// The generators build valid plans that the reference evaluates, covering every operator.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../reference/evaluate.js";
import { arbPlan, PLAN_OPS } from "./generators.js";

describe("plan generator", () => {
  it("builds plans the reference can evaluate, and every operator kind appears", () => {
    const kinds = new Set<string>();
    const walk = (p: { kind: string } & Record<string, unknown>): void => {
      kinds.add(p.kind === "join" ? `join:${String(p.how)}` : p.kind);
      for (const k of ["input", "left", "right"]) if (p[k]) walk(p[k] as never);
      if (p.kind === "union") (p.inputs as never[]).forEach(walk);
    };
    fc.assert(fc.property(arbPlan({ ops: PLAN_OPS, maxOps: 3 }), (plan) => {
      walk(plan as never);
      evaluate(plan);
    }), { numRuns: 300 });
    for (const k of ["values", "project", "filter", "aggregate", "distinct", "union", "except", "sort", "limit",
      "join:inner", "join:left", "join:right", "join:full", "join:semi", "join:anti", "join:cross"]) {
      expect(kinds).toContain(k);
    }
  });
});
