import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vecFromValues } from "../../src/index.js";
import { SumState } from "../../src/aggregates/sum-state.js";

describe("SumState over int64 input", () => {
  it("sums per group exactly (wrapping at 64 bits) whether values are small, near 2^53 or beyond", () => {
    const value = fc.oneof(
      fc.bigInt({ min: -1000n, max: 1000n }),
      fc.bigInt({ min: 2n ** 53n - 5n, max: 2n ** 53n + 5n }),
      fc.bigInt({ min: -(2n ** 53n) - 5n, max: -(2n ** 53n) + 5n }),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.constant(null),
    );
    const batch = fc.array(fc.tuple(fc.nat(3), value), { maxLength: 30 });
    fc.assert(fc.property(fc.array(batch, { maxLength: 5 }), (batches) => {
      const s = new SumState(true);
      const expected = [0n, 0n, 0n, 0n];
      for (const rows of batches) {
        const v = vecFromValues("int64", rows.map(([, x]) => x));
        s.update(v, Int32Array.from(rows.map(([g]) => g)), rows.length, 4);
        for (const [g, x] of rows) if (x !== null) expected[g] = expected[g]! + x;
      }
      expect(Array.from(s.intSums(4))).toEqual(expected.map((x) => BigInt.asIntN(64, x)));
    }), { numRuns: 300 });
  });
});
