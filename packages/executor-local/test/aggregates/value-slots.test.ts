import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccumulator, vecFromValues, type Vec } from "../../src/index.js";

function strings(v: Vec): (string | null)[] {
  const dec = new TextDecoder();
  return Array.from({ length: v.length }, (_, i) => (v.type !== "utf8" || (v.valid !== null && v.valid[i] === 0) ? null : dec.decode(v.bytes.subarray(v.offsets[i]!, v.offsets[i + 1]!))));
}
function bigints(v: Vec): (bigint | null)[] {
  return Array.from({ length: v.length }, (_, i) => (v.type !== "int64" || (v.valid !== null && v.valid[i] === 0) ? null : v.values[i]!));
}

/** min/max/first per group by brute force (strings compared by UTF-8 bytes, as Spark does). */
function expected<T>(fn: "min" | "max" | "first", rows: [number, T | null][], groups: number, cmp: (a: T, b: T) => number): (T | null)[] {
  const out: (T | null)[] = new Array<T | null>(groups).fill(null);
  const decided = new Array<boolean>(groups).fill(false);
  for (const [g, v] of rows) {
    if (fn === "first") { if (!decided[g]) { out[g] = v; decided[g] = true; } continue; }
    if (v === null) continue;
    const cur = out[g]!;
    if (cur === null || (fn === "min" ? cmp(v, cur) < 0 : cmp(v, cur) > 0)) out[g] = v;
  }
  return out;
}

const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe("min, max and first keep one value per group", () => {
  it("strings: equal to a brute force over many batches (values replaced many times, the byte arena compacted)", () => {
    const row = fc.tuple(fc.nat({ max: 6 }), fc.option(fc.string({ unit: "binary", maxLength: 12 }), { nil: null }));
    fc.assert(fc.property(fc.array(fc.array(row, { maxLength: 60 }), { maxLength: 12 }), fc.constantFrom("min", "max", "first"), (batches, fn) => {
      const acc = createAccumulator(fn as "min" | "max" | "first", { inputTypes: ["utf8"], resultType: "utf8", ignoreNulls: false }, false);
      for (const b of batches) acc.update([vecFromValues("utf8", b.map((r) => r[1]))], Int32Array.from(b.map((r) => r[0])), b.length, 7);
      expect(strings(acc.finish(7))).toEqual(expected(fn as "min", batches.flat(), 7, utf8Compare));
    }), { numRuns: 200 });
  });

  it("int64: negative, beyond 2^32 and beyond 2^53, compared as signed 64-bit values", () => {
    const big = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -5n, max: 5n }), fc.constantFrom(2n ** 32n, 2n ** 32n - 1n, -(2n ** 32n), 2n ** 53n + 1n));
    const row = fc.tuple(fc.nat({ max: 4 }), fc.option(big, { nil: null }));
    fc.assert(fc.property(fc.array(fc.array(row, { maxLength: 40 }), { maxLength: 5 }), fc.constantFrom("min", "max"), (batches, fn) => {
      const acc = createAccumulator(fn as "min" | "max", { inputTypes: ["int64"], resultType: "int64", ignoreNulls: false }, false);
      for (const b of batches) acc.update([vecFromValues("int64", b.map((r) => r[1]))], Int32Array.from(b.map((r) => r[0])), b.length, 5);
      expect(bigints(acc.finish(5))).toEqual(expected(fn as "min", batches.flat(), 5, (a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }), { numRuns: 200 });
  });
});
