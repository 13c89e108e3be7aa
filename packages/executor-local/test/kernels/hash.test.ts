import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GroupTable, sortIndices, takeVec, vecFromValues } from "../../src/index.js";

describe("GroupTable", () => {
  it("assigns dense ids in first-seen order; nulls share one id; lookup does not insert", () => {
    const t = new GroupTable(["int32"]);
    const ids = t.assign([vecFromValues("int32", [5, 7, null, 5, null, -1])], 6);
    expect(Array.from(ids)).toEqual([0, 1, 2, 0, 2, 3]);
    expect(Array.from(t.lookup([vecFromValues("int32", [7, 8, null])], 3))).toEqual([1, -1, 2]);
    expect(t.size).toBe(4);
  });

  it("int, string and composite keys agree with a Map reference", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), fc.option(fc.constantFrom("a", "b", "é", ""), { nil: null })), { maxLength: 60 }), (rows) => {
      for (const cols of [[0], [1], [0, 1]]) {
        const types = (["int32", "utf8"] as const);
        const t = new GroupTable(cols.map((c) => types[c]!));
        const ids = t.assign(cols.map((c) => vecFromValues(types[c]!, rows.map((r) => r[c]))), rows.length);
        const ref = new Map<string, number>();
        rows.forEach((r, i) => {
          const key = JSON.stringify(cols.map((c) => r[c]));
          if (!ref.has(key)) ref.set(key, ref.size);
          expect(ids[i]).toBe(ref.get(key));
        });
        expect(t.size).toBe(ref.size);
      }
    }));
  });

  it("grows past its initial capacity", () => {
    const n = 100_000;
    const t = new GroupTable(["int32"]);
    const ids = t.assign([vecFromValues("int32", Array.from({ length: n }, (_, i) => i * 7919))], n);
    expect(t.size).toBe(n);
    expect(ids[n - 1]).toBe(n - 1);
  });
});

describe("take and sort kernels", () => {
  it("take with -1 gives nulls", () => {
    const v = takeVec(vecFromValues("utf8", ["a", "bc", null]), Int32Array.from([1, -1, 2, 0]));
    expect(v.type).toBe("utf8");
    expect(Array.from(v.valid ?? [])).toEqual([1, 0, 0, 1]);
  });

  it("sortIndices is a stable sort", () => {
    fc.assert(fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null })), (xs) => {
      const idx = Array.from(sortIndices([{ vec: vecFromValues("int32", xs), ascending: true, nullsFirst: false }], xs.length));
      const ref = xs.map((x, i) => [x, i] as const).sort((a, b) => (a[0] === null ? 1 : 0) - (b[0] === null ? 1 : 0) || (a[0] ?? 0) - (b[0] ?? 0) || a[1] - b[1]).map((p) => p[1]);
      expect(idx).toEqual(ref);
    }));
  });
});
