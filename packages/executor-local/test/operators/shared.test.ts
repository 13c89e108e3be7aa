import { Distinct, E, Except, Limit, Project, Sort, Union, type OperatorMetrics } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { context, values } from "../helpers.js";
import { executePhysical, local, planPhysical, planPhysicalWithReuse } from "../../src/index.js";

const rows = [[1, "a"], [1, "a"], [2, "b"], [3, "c"], [3, "c"]] as const;

function plan() {
  const t = values([["k", "int32"], ["s", "utf8"]], rows.map((r) => [...r]));
  const dedup = Distinct.create(t, null);
  const keys = Project.create(dedup, [E.column("k")]);
  return Union.create([keys, Except.create(keys, Limit.create(keys, 1)), keys]);
}

async function run(physical: ReturnType<typeof planPhysical>): Promise<{ ks: number[]; distincts: number }> {
  const metrics: OperatorMetrics[] = [];
  const ctx = { ...context(), onMetrics: (m: readonly OperatorMetrics[]) => metrics.push(...m) };
  const ks: number[] = [];
  for await (const b of executePhysical(physical, ctx)) for (const r of b.toArray()) ks.push(Number((r as { k: number }).k));
  return { ks, distincts: metrics.filter((m) => m.operator === "Distinct").length };
}

describe("shared sub-plans", () => {
  it("computes a distinct read from four places once, with the same rows as without sharing", async () => {
    const shared = await run(planPhysicalWithReuse(plan()));
    const apart = await run(planPhysical(plan()));
    expect(shared.ks).toEqual(apart.ks);
    expect(shared.ks).toEqual([1, 2, 3, 2, 3, 1, 2, 3]);
    expect(apart.distincts).toBe(4);
    expect(shared.distincts).toBe(1);
  });

  it("shows the sub-plan once in explain, and where it is read again", () => {
    const text = local().explain(plan(), context());
    expect(text.match(/Shared #0 \(computed once, read 4 times\)/g)).toHaveLength(1);
    expect(text.match(/ReusedSubplan #0/g)).toHaveLength(3);
    expect(text.match(/Distinct/g)).toHaveLength(1);
  });
});

describe("shared sub-plans inside shared sub-plans", () => {
  it("keep their own rows (each has its own id)", async () => {
    const v = values([["a", "int32"], ["b", "int32"]], [[1, 1], [2, 1], [2, 1], [2, 2], [3, 2], [3, 3]]);
    const z = values([["a", "int32"], ["b", "int32"]], [[1, 1], [3, 3]]);
    const y = Distinct.create(v, null);
    const x = Except.create(y, z);
    const plan = Union.create([x, y, x]);
    const text = local().explain(plan, context());
    expect(text).toContain("Shared #0");
    expect(text).toContain("Shared #1");
    const rows: string[] = [];
    for await (const b of executePhysical(planPhysicalWithReuse(plan), context())) for (const r of b.toArray()) rows.push(`${r.a}/${r.b}`);
    expect(rows.sort()).toEqual(["1/1", "2/1", "2/1", "2/1", "2/2", "2/2", "2/2", "3/2", "3/2", "3/2", "3/3"]);
  });

  it("count their readers as planned (a sort under a limit is planned apart)", () => {
    const v = values([["a", "int32"]], [[3], [1], [2]]);
    const sorted = Sort.create(v, [{ expr: E.column("a"), ascending: true, nullsFirst: true }]);
    expect(local().explain(Union.create([Limit.create(sorted, 2), sorted]), context())).toContain("read once");
  });
});
