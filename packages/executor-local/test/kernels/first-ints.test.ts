import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vecFromValues } from "../../src/index.js";
import { FirstInts } from "../../src/kernels/first-ints.js";

/** The first rows of each key (null one key) over batches, by a Set. */
function naive(batches: readonly (readonly (number | null)[])[]): number[][] {
  const seen = new Set<string>();
  return batches.map((rows) => rows.flatMap((k, i) => (seen.has(String(k)) ? [] : (seen.add(String(k)), [i]))));
}

describe("FirstInts (distinct on one int key)", () => {
  it("keeps the first row of every key, null included, as a Set does, over narrow, wide and drifting keys", () => {
    const key = fc.oneof(
      fc.integer({ min: -40, max: 40 }),
      fc.integer({ min: -2147483648, max: 2147483647 }),
      fc.integer({ min: 1_000_000, max: 1_000_100 }),
      fc.constant(null),
    );
    fc.assert(fc.property(fc.array(fc.array(key, { maxLength: 50 }), { maxLength: 8 }), (batches) => {
      const f = new FirstInts("int32");
      const got = batches.map((rows) => Array.from(f.firstRows(vecFromValues("int32", rows as unknown[]), rows.length)));
      expect(got).toEqual(naive(batches));
    }), { numRuns: 300 });
  });

  it("stays on flags for a million-value range and moves to a table once the range is too wide", () => {
    const f = new FirstInts("int32");
    const rows = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 1_000_000);
    expect(f.firstRows(vecFromValues("int32", rows), rows.length)).toHaveLength(new Set(rows).size);
    expect(f.direct).toBe(true);
    const far = [2_000_000_000, rows[5]!, -2_000_000_000, 2_000_000_000];
    expect(Array.from(f.firstRows(vecFromValues("int32", far), far.length))).toEqual([0, 2]);
    expect(f.direct).toBe(false);
    // Keys seen while on flags are still known after the move.
    expect(Array.from(f.firstRows(vecFromValues("int32", [rows[7]!, -5]), 2))).toEqual([1]);
  });

  it("treats an all-null column as one key", () => {
    const f = new FirstInts("date");
    const nulls = { type: "null" as const, length: 3, valid: new Uint8Array(3) };
    expect(Array.from(f.firstRows(nulls, 3))).toEqual([0]);
    expect(Array.from(f.firstRows(vecFromValues("date", [null, 4, 4]), 3))).toEqual([1]);
  });
});
