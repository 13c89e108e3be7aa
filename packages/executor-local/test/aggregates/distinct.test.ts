// count(DISTINCT x) and sum(DISTINCT x) over int32 values: the single-group byte set over the
// values' range, its fallback to a table when the range gets too wide, leaving single-group mode
// when other groups appear, and exporting state from each mode. Checked against a Set per group.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccumulator, vecFromValues, type GroupAccumulator, type Vec } from "../../src/index.js";

const INT_MIN = -2147483648, INT_MAX = 2147483647;
type Batch = { groups: number[]; values: (number | null)[] };

function create(fn: "count" | "sum"): GroupAccumulator {
  return createAccumulator(fn, { inputTypes: ["int32"], resultType: "int64", ignoreNulls: false }, true);
}

function feed(acc: GroupAccumulator, batches: readonly Batch[]): number {
  let numGroups = 1;
  for (const b of batches) {
    for (const g of b.groups) numGroups = Math.max(numGroups, g + 1);
    acc.update([vecFromValues("int32", b.values)], Int32Array.from(b.groups), b.values.length, numGroups);
  }
  return numGroups;
}

function numbers(v: Vec): (number | null)[] {
  return Array.from({ length: v.length }, (_, i) => (v.type !== "int64" || (v.valid !== null && v.valid[i] === 0) ? null : Number(v.values[i]!)));
}

function reference(fn: "count" | "sum", batches: readonly Batch[], numGroups: number): (number | null)[] {
  const sets = Array.from({ length: numGroups }, () => new Set<number>());
  for (const b of batches) b.values.forEach((v, i) => { if (v !== null) sets[b.groups[i]!]!.add(v); });
  return sets.map((s) => (fn === "count" ? s.size : s.size === 0 ? null : [...s].reduce((a, x) => a + x, 0)));
}

const value = fc.oneof(
  { arbitrary: fc.integer({ min: -20, max: 20 }), weight: 8 },
  { arbitrary: fc.constantFrom(null, INT_MIN, INT_MAX, 0), weight: 2 },
  { arbitrary: fc.integer({ min: -3_000_000, max: 3_000_000 }), weight: 1 },
);
/** Batches in group 0 first (the byte set), then maybe batches spread over several groups. */
const batches = fc.tuple(
  fc.array(fc.array(value, { maxLength: 30 }), { maxLength: 5 }),
  fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), value), { maxLength: 30 }), { maxLength: 3 }),
).map(([single, multi]): Batch[] => [
  ...single.map((values) => ({ groups: values.map(() => 0), values })),
  ...multi.map((rows) => ({ groups: rows.map((r) => r[0]), values: rows.map((r) => r[1]) })),
]);

describe("distinct aggregates over int32", () => {
  for (const fn of ["count", "sum"] as const) {
    it(`${fn}(DISTINCT x) matches a Set per group, and so does its exported state merged into a fresh accumulator`, () => {
      fc.assert(fc.property(batches, (bs) => {
        const acc = create(fn);
        const numGroups = feed(acc, bs);
        const want = reference(fn, bs, numGroups);
        const st = acc.state(numGroups);
        expect(numbers(acc.finish(numGroups))).toEqual(want);
        const copy = create(fn);
        copy.mergeState(st.columns, st.groups, numGroups);
        expect(numbers(copy.finish(numGroups))).toEqual(want);
        // The exported state is still usable: the original keeps counting right after it.
        const more: Batch = { groups: [0, 0], values: [12345, -7] };
        feed(acc, [more]);
        expect(numbers(acc.finish(numGroups))).toEqual(reference(fn, [...bs, more], numGroups));
      }), { numRuns: 300 });
    });
  }

  it("a global countDistinct keeps counting when the values' range turns too wide mid-stream", () => {
    const acc = create("count");
    const dense = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 3000 - 1500);
    feed(acc, [
      { groups: dense.map(() => 0), values: dense },
      { groups: [0, 0, 0, 0], values: [INT_MIN, 5, INT_MAX, null] },
      { groups: dense.map(() => 0), values: dense.map((v) => v + 1) },
    ]);
    expect(numbers(acc.finish(1))).toEqual([3001 + 2]);
  });

  it("all-null and empty batches count nothing", () => {
    const acc = create("count");
    feed(acc, [{ groups: [], values: [] }, { groups: [0, 0], values: [null, null] }, { groups: [0], values: [4] }]);
    expect(numbers(acc.finish(1))).toEqual([1]);
  });
});
