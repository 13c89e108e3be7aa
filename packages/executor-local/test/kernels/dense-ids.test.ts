import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GroupTable, vecFromValues } from "../../src/index.js";
import { DENSE_MAX_RANGE, DenseIds, denseRangeOk, intRange } from "../../src/kernels/dense-ids.js";
import { int64FromSafeIntegers, safeIntegersFromInt64 } from "../../src/kernels/int64.js";
import type { DataType } from "@lgde/core";

type Key = number | bigint | string | null;

/** Which path a single-int GroupTable is on (a private field, read to prove the fallback ran). */
function modeOf(t: GroupTable): "dense" | "hash" {
  return t.denseInts ? "dense" : "hash";
}

/** Feeds `batches` to a fresh GroupTable and checks ids, lookups and key columns against a Map. */
function checkAgainstMap(type: DataType, batches: readonly (readonly Key[])[]): GroupTable {
  const t = new GroupTable([type]);
  const ref = new Map<string, number>();
  const firstKeys: Key[] = [];
  for (const rows of batches) {
    const ids = t.assign([vecFromValues(type, rows as unknown[])], rows.length);
    rows.forEach((k, i) => {
      const key = String(k);
      if (!ref.has(key)) { ref.set(key, ref.size); firstKeys.push(k); }
      expect(ids[i], `row ${i} key ${key}`).toBe(ref.get(key));
    });
    expect(t.size).toBe(ref.size);
  }
  const probe = [...batches.flat(), 12345, -7, 2147483647, null];
  const looked = t.lookup([vecFromValues(type, probe as unknown[])], probe.length);
  probe.forEach((k, i) => expect(looked[i], `lookup ${String(k)}`).toBe(ref.get(String(k)) ?? -1));
  const keys = t.keyColumns()[0]!;
  expect(keys.length).toBe(ref.size);
  firstKeys.forEach((k, g) => {
    expect(keys.valid === null || keys.valid[g] === 1).toBe(k !== null);
    if (k !== null && keys.type !== "null" && keys.type !== "utf8") expect(keys.values[g]).toBe(k);
  });
  return t;
}

describe("dense int ids (direct indexing for a small key range)", () => {
  it("agree with a Map over batches of small, negative, extreme and null keys", () => {
    const key = fc.oneof(
      fc.integer({ min: -50, max: 50 }),
      fc.integer({ min: -2147483648, max: -2147483600 }),
      fc.integer({ min: 2147483600, max: 2147483647 }),
      fc.constantFrom(null, 0, -2147483648, 2147483647),
    );
    fc.assert(fc.property(fc.array(fc.array(key, { maxLength: 40 }), { maxLength: 6 }), (batches) => {
      checkAgainstMap("int32", batches);
    }));
  });

  it("drifting keys grow the slots and keep earlier ids", () => {
    const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 1000 }, (_, i) => b * 50_000 + i * 7));
    const t = checkAgainstMap("date", batches);
    expect(t.size).toBe(20_000);
  });

  it("falls back to hashing when the range gets too wide, keeping ids, nulls and lookups", () => {
    const t = checkAgainstMap("int32", [[3, null, 1, 3, 2], [1 << 30, 5, -(1 << 30), 3, null], [7, 1 << 30, 3]]);
    expect(t.size).toBe(8);
    expect(modeOf(t)).toBe("hash");
    expect(modeOf(checkAgainstMap("int32", [[3, null, 1, 3, 2]]))).toBe("dense");
  });

  it("a wide range after many rows still falls back (range limit grows with rows but stops at 2^24)", () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i % 100);
    expect(modeOf(checkAgainstMap("int32", [many, [1_100_000]]))).toBe("dense"); // ≤ 4 × rows
    expect(modeOf(checkAgainstMap("int32", [many.slice(0, 5000), [1_100_000]]))).toBe("hash"); // > max(4 × rows, 2^20)
    expect(modeOf(checkAgainstMap("int32", [many, [DENSE_MAX_RANGE + 10], [0, -5]]))).toBe("hash");
  });

  it("handles empty batches and all-null batches", () => {
    const t = checkAgainstMap("int32", [[], [null, null], [], [4]]);
    expect(t.size).toBe(2);
    const empty = new GroupTable(["int32"]);
    expect(empty.assign([vecFromValues("int32", [])], 0).length).toBe(0);
    expect(empty.keyColumns()[0]!.length).toBe(0);
  });

  it("int64 keys beyond 2^31 (hashed) agree with a Map", () => {
    fc.assert(fc.property(fc.array(fc.array(fc.option(fc.oneof(fc.bigInt({ min: -3n, max: 3n }), fc.constantFrom(2n ** 31n, 2n ** 31n + 1n, -(2n ** 40n), 2n ** 63n - 1n)), { nil: null }), { maxLength: 30 }), { maxLength: 4 }), (batches) => {
      checkAgainstMap("int64", batches);
    }));
  });

  it("int64 keys within int32 take the dense path; a batch mixing wider values keeps ids consistent", () => {
    const t = checkAgainstMap("timestamp", [[5n, null, -3n, 5n], [7n, -3n]]);
    expect(modeOf(t)).toBe("dense");
    const m = checkAgainstMap("int64", [[5n, null, 2n ** 31n, 5n, -(2n ** 31n) - 1n, 2n ** 62n], [7n, 2n ** 31n, 5n, null], [5n, 6n]]);
    expect(m.size).toBe(7);
  });

  it("range policy: ≤ max(4 × rows, 2^20) and ≤ 2^24", () => {
    expect(denseRangeOk(1 << 20, 1)).toBe(true);
    expect(denseRangeOk((1 << 20) + 1, 1)).toBe(false);
    expect(denseRangeOk(4_000_000, 1_000_000)).toBe(true);
    expect(denseRangeOk(4_000_001, 1_000_000)).toBe(false);
    expect(denseRangeOk(DENSE_MAX_RANGE + 1, 1e9)).toBe(false);
    const d = new DenseIds();
    expect(d.cover(-2147483648, 2147483647, 10)).toBe(false);
    expect(d.slots.length).toBe(0);
    expect(d.cover(2147483640, 2147483647, 10)).toBe(true);
    expect(d.base + d.slots.length).toBeLessThanOrEqual(2147483648);
  });

  it("intRange skips nulls and reports none for an all-null range", () => {
    expect(intRange(Int32Array.from([5, -3, 9, 100]), Uint8Array.from([1, 1, 1, 0]), 0, 4)).toEqual({ lo: -3, hi: 9 });
    expect(intRange(Int32Array.from([5, -3]), Uint8Array.from([0, 0]), 0, 2)).toBeNull();
    expect(intRange(Int32Array.from([5, -3, 7]), null, 1, 3)).toEqual({ lo: -3, hi: 7 });
  });
});

describe("string ids over UTF-8 bytes", () => {
  it("agree with a Map over batches with nulls, empty, long and non-ASCII strings", () => {
    const str = fc.option(fc.oneof(fc.constantFrom("", "a", "ab", "abcd", "abcde", "é", "ée", "login", "x".repeat(40)), fc.string({ maxLength: 12 })), { nil: null });
    fc.assert(fc.property(fc.array(fc.array(str, { maxLength: 40 }), { maxLength: 5 }), (batches) => {
      const t = checkAgainstMap("utf8", batches as (string | null)[][] as never);
      const keys = t.keyColumns()[0]!;
      const seen = [...new Set(batches.flat().map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as string | null);
      expect(keys.length).toBe(seen.length);
    }));
  });

  it("grows past its initial capacity", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `key-${i % 3000}-${"é".repeat(i % 3)}`);
    expect(checkAgainstMap("utf8", [rows.slice(0, 2000) as never, rows.slice(2000) as never]).size).toBe(3000);
  });
});

describe("int64 words without BigInt", () => {
  it("round-trips safe integers and rejects unsafe int64", () => {
    fc.assert(fc.property(fc.array(fc.maxSafeInteger()), (xs) => {
      const big = int64FromSafeIntegers(Float64Array.from(xs), xs.length);
      expect(Array.from(big)).toEqual(xs.map((x) => BigInt(x)));
      expect(Array.from(safeIntegersFromInt64(big, xs.length)!)).toEqual(xs.map((x) => (x === 0 ? 0 : x)));
    }));
    expect(safeIntegersFromInt64(BigInt64Array.from([1n, 2n ** 53n]), 2)).toBeNull();
    expect(safeIntegersFromInt64(BigInt64Array.from([-(2n ** 60n)]), 1)).toBeNull();
  });
});
