import { E, Join, type JoinType } from "@lgde/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run, sorted, values } from "../helpers.js";

const c = E.column;
const left = values([["id", "int32"], ["l", "utf8"]], [[1, "a"], [2, "b"], [2, "b2"], [null, "n"], [4, "d"]], 2);
const right = values([["id", "int32"], ["r", "utf8"]], [[2, "x"], [3, "y"], [null, "m"], [4, "z"], [4, "z2"]], 2);
const right2 = values([["rid", "int32"], ["r", "utf8"]], [[2, "x"], [3, "y"], [null, "m"], [4, "z"], [4, "z2"]], 2);

describe("hash join with using columns", () => {
  const cases: Record<Exclude<JoinType, "cross">, unknown[][]> = {
    inner: [[2, "b", "x"], [2, "b2", "x"], [4, "d", "z"], [4, "d", "z2"]],
    left: [[1, "a", null], [2, "b", "x"], [2, "b2", "x"], [null, "n", null], [4, "d", "z"], [4, "d", "z2"]],
    right: [[2, "b", "x"], [2, "b2", "x"], [4, "d", "z"], [4, "d", "z2"], [3, null, "y"], [null, null, "m"]],
    full: [[1, "a", null], [2, "b", "x"], [2, "b2", "x"], [null, "n", null], [4, "d", "z"], [4, "d", "z2"], [3, null, "y"], [null, null, "m"]],
    semi: [[2, "b"], [2, "b2"], [4, "d"]],
    anti: [[1, "a"], [null, "n"]],
  };
  for (const [how, expected] of Object.entries(cases)) {
    it(how, async () => {
      const rows = await run(Join.create(left, right, how as JoinType, null, ["id"]));
      expect(sorted(rows)).toEqual(sorted(expected));
    });
  }
});

describe("hash join with an on condition", () => {
  it("left join on equality keeps both key columns and never matches nulls", async () => {
    const rows = await run(Join.create(left, right2, "left", E.binary("=", c("id"), c("rid")), []));
    expect(sorted(rows)).toEqual(sorted([[1, "a", null, null], [2, "b", 2, "x"], [2, "b2", 2, "x"], [null, "n", null, null], [4, "d", 4, "z"], [4, "d", 4, "z2"]]));
  });

  it("null-safe equality matches nulls", async () => {
    const rows = await run(Join.create(left, right2, "inner", E.binary("<=>", c("id"), c("rid")), []));
    expect(sorted(rows)).toContainEqual([null, "n", null, "m"]);
    expect(rows).toHaveLength(5);
  });

  it("applies a residual condition to candidate pairs (full join)", async () => {
    const on = E.binary("and", E.binary("=", c("id"), c("rid")), E.binary("!=", c("r"), E.literal("z2")));
    const rows = await run(Join.create(left, right2, "full", on, []));
    expect(sorted(rows)).toEqual(sorted([
      [1, "a", null, null], [2, "b", 2, "x"], [2, "b2", 2, "x"], [null, "n", null, null], [4, "d", 4, "z"],
      [null, null, 3, "y"], [null, null, null, "m"], [null, null, 4, "z2"],
    ]));
  });

  it("anti join with residual keeps rows without a passing match", async () => {
    const on = E.binary("and", E.binary("=", c("id"), c("rid")), E.binary("=", c("r"), E.literal("z2")));
    const rows = await run(Join.create(left, right2, "anti", on, []));
    expect(sorted(rows)).toEqual(sorted([[1, "a"], [2, "b"], [2, "b2"], [null, "n"]]));
  });

  it("non-equi conditions use a nested loop", async () => {
    const rows = await run(Join.create(left, right2, "inner", E.binary(">", c("id"), c("rid")), []));
    expect(sorted(rows)).toEqual(sorted([[4, "d", 2, "x"], [4, "d", 3, "y"]]));
  });

  it("cross join pairs every row", async () => {
    const rows = await run(Join.create(left, right2, "cross", null, []));
    expect(rows).toHaveLength(25);
  });

  it("joins on string keys and mixed int widths", async () => {
    const a = values([["k", "utf8"], ["x", "int32"]], [["p", 1], ["q", 2]]);
    const b = values([["k2", "utf8"], ["y", "int64"]], [["q", 20], ["p", 10], ["p", 11]]);
    const rows = await run(Join.create(a, b, "inner", E.binary("and", E.binary("=", c("k"), c("k2")), E.binary("=", E.binary("*", c("x"), E.literal(10)), c("y"))), []));
    expect(sorted(rows)).toEqual(sorted([["p", 1, "p", 10], ["q", 2, "q", 20]]));
  });
});

describe("hash join key paths (dense int ids, hashed ids, int64, strings) against a nested loop", () => {
  const keySets: Record<string, { type: "int32" | "int64" | "utf8"; keys: unknown[] }> = {
    "small int32 (dense) with negatives and nulls": { type: "int32", keys: [-3, 0, 5, null, 5, -3, 7] },
    "wide int32 (hashed)": { type: "int32", keys: [-2147483648, 2147483647, 0, null, 2147483647, 1 << 30] },
    "int64 beyond 2^31": { type: "int64", keys: [2 ** 31, -(2 ** 40), 3, null, 2 ** 31, 3] },
    strings: { type: "utf8", keys: ["a", "", "é", null, "a", "bb"] },
  };
  for (const [name, { type, keys }] of Object.entries(keySets)) {
    for (const how of ["inner", "left", "full", "semi", "anti"] as const) {
      it(`${name}: ${how}`, async () => {
        const l = keys.map((k, i) => [k, i]);
        const r = [...keys].reverse().map((k, i) => [k, 100 + i]);
        const lv = values([["lk", type], ["li", "int32"]], l, 2), rv = values([["rk", type], ["ri", "int32"]], r, 3);
        const rows = await run(Join.create(lv, rv, how, E.binary("=", c("lk"), c("rk")), []));
        const eq = (a: unknown, b: unknown) => a !== null && b !== null && a === b;
        const expected: unknown[][] = [];
        for (const lr of l) {
          const m = r.filter((rr) => eq(lr[0], rr[0]));
          if (how === "semi") { if (m.length > 0) expected.push(lr); continue; }
          if (how === "anti") { if (m.length === 0) expected.push(lr); continue; }
          for (const rr of m) expected.push([...lr, ...rr]);
          if (m.length === 0 && how !== "inner") expected.push([...lr, null, null]);
        }
        if (how === "full") for (const rr of r) if (!l.some((lr) => eq(lr[0], rr[0]))) expected.push([null, null, ...rr]);
        expect(sorted(rows)).toEqual(sorted(expected));
      });
    }
  }
});

describe("hash join on one int32 key (a CSR index over the right keys' range when dense) against a nested loop", () => {
  const key = fc.oneof(
    { arbitrary: fc.integer({ min: -6, max: 6 }), weight: 8 },
    { arbitrary: fc.constantFrom(null, -2147483648, 2147483647), weight: 1 },
    { arbitrary: fc.integer({ min: -3_000_000, max: 3_000_000 }), weight: 1 },
  );
  const hows = ["inner", "left", "right", "full", "semi", "anti"] as const;
  it("any join type, = and <=>, nulls, negatives, int32 extremes, keys outside the right side's range", async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(key, { maxLength: 25 }), fc.array(key, { maxLength: 25 }), fc.constantFrom(...hows), fc.boolean(), fc.constantFrom(1, 3, 100),
      async (lkeys, rkeys, how, nullSafe, batchSize) => {
        const l = lkeys.map((k, i) => [k, i]), r = rkeys.map((k, i) => [k, 100 + i]);
        const lv = values([["lk", "int32"], ["li", "int32"]], l, 4), rv = values([["rk", "int32"], ["ri", "int32"]], r, 5);
        const rows = await run(Join.create(lv, rv, how, E.binary(nullSafe ? "<=>" : "=", c("lk"), c("rk")), []), { batchSize });
        const eq = (a: unknown, b: unknown) => (nullSafe ? a === b : a !== null && b !== null && a === b);
        const expected: unknown[][] = [];
        for (const lr of l) {
          const m = r.filter((rr) => eq(lr[0], rr[0]));
          if (how === "semi") { if (m.length > 0) expected.push(lr); continue; }
          if (how === "anti") { if (m.length === 0) expected.push(lr); continue; }
          for (const rr of m) expected.push([...lr, ...rr]);
          if (m.length === 0 && (how === "left" || how === "full")) expected.push([...lr, null, null]);
        }
        if (how === "right" || how === "full") for (const rr of r) if (!l.some((lr) => eq(lr[0], rr[0]))) expected.push([null, null, ...rr]);
        expect(sorted(rows)).toEqual(sorted(expected));
      }), { numRuns: 300 });
  });

  it("a big dense build side, probed by keys below, inside and above its range", async () => {
    const n = 5000;
    const r = Array.from({ length: n }, (_, i) => [(i * 7919) % 2000 - 1000, i]);
    const l = Array.from({ length: 3000 }, (_, i) => [i - 1500, i]);
    const rows = await run(Join.create(values([["lk", "int32"], ["li", "int32"]], l, 700), values([["rk", "int32"], ["ri", "int32"]], r, 900), "left", E.binary("=", c("lk"), c("rk")), []), { batchSize: 1024 });
    const byKey = new Map<number, number[]>();
    for (const [k, i] of r as [number, number][]) byKey.set(k, [...(byKey.get(k) ?? []), i]);
    const expected: unknown[][] = [];
    for (const [k, i] of l as [number, number][]) {
      const m = byKey.get(k);
      if (m === undefined) expected.push([k, i, null, null]); else for (const j of m) expected.push([k, i, k, j]);
    }
    expect(sorted(rows)).toEqual(sorted(expected));
  });
});
