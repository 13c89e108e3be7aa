import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DataType } from "@lgde/core";
import { vecFromValues } from "../../src/index.js";
import { sliceVec, takeRows, takeVec } from "../../src/kernels/select.js";

/** Ascending indices in runs of consecutive rows (what a filter or distinct keeping most rows gives). */
function runsIn(n: number, picks: readonly { start: number; len: number }[]): Int32Array {
  const set = new Set<number>();
  for (const { start, len } of picks) for (let i = start; i < Math.min(n, start + len); i++) set.add(i);
  return Int32Array.from([...set].sort((x, y) => x - y));
}

const columns: [DataType, fc.Arbitrary<unknown>][] = [
  ["int32", fc.oneof(fc.integer(), fc.constant(null))],
  ["int64", fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constant(null))],
  ["float64", fc.oneof(fc.double(), fc.constant(null))],
  ["bool", fc.oneof(fc.boolean(), fc.constant(null))],
  ["utf8", fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null))],
];

describe("takeVec", () => {
  for (const [type, value] of columns) {
    it(`copies runs of ascending rows of ${type} as taking them one by one does (sliced input included)`, () => {
      fc.assert(fc.property(
        fc.array(value, { minLength: 64, maxLength: 400 }),
        fc.array(fc.record({ start: fc.nat(400), len: fc.integer({ min: 1, max: 200 }) }), { minLength: 1, maxLength: 6 }),
        fc.nat(20),
        (values, picks, from) => {
          const v = sliceVec(vecFromValues(type, values), Math.min(from, values.length), values.length);
          const idx = runsIn(v.length, picks);
          expect(takeVec(v, idx)).toEqual(takeRows(v, idx, null));
        },
      ), { numRuns: 150 });
    });
  }
});
