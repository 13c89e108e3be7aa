import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccumulator, GroupTable, vecFromValues, type Vec } from "../../src/index.js";

function ints(v: Vec): (number | null)[] {
  return Array.from({ length: v.length }, (_, i) => (v.type === "null" || (v.valid !== null && v.valid[i] === 0) ? null : v.type === "utf8" ? NaN : Number(v.values[i])));
}

/** Aggregates rows in one accumulator, or in two partial ones merged through their exported state. */
function aggregate(fn: "count" | "sum" | "avg" | "min" | "max", distinct: boolean, rows: [number, number | null][], split: number | null): Map<number, number | null> {
  const spec = { inputTypes: ["int32"] as const, resultType: fn === "count" || fn === "sum" ? "int64" as const : fn === "avg" ? "float64" as const : "int32" as const, ignoreNulls: false };
  const run = (part: [number, number | null][]) => {
    const table = new GroupTable(["int32"]);
    const acc = createAccumulator(fn, spec, distinct);
    const keys = vecFromValues("int32", part.map((r) => r[0]));
    const ids = table.assign([keys], part.length);
    acc.update([vecFromValues("int32", part.map((r) => r[1]))], ids, part.length, table.size);
    return { table, acc };
  };
  const result = new Map<number, number | null>();
  if (split === null) {
    const { table, acc } = run(rows);
    const keys = ints(table.keyColumns()[0]!), vals = ints(acc.finish(table.size));
    keys.forEach((k, g) => result.set(k!, vals[g]!));
    return result;
  }
  const a = run(rows.slice(0, split)), b = run(rows.slice(split));
  const bKeys = b.table.keyColumns();
  const mapping = a.table.assign(bKeys, bKeys[0]!.length);
  const st = b.acc.state(b.table.size);
  a.acc.mergeState(st.columns, Int32Array.from(st.groups, (g) => mapping[g]!), a.table.size);
  const keys = ints(a.table.keyColumns()[0]!), vals = ints(a.acc.finish(a.table.size));
  keys.forEach((k, g) => result.set(k!, vals[g]!));
  return result;
}

describe("aggregate partial/merge contract", () => {
  for (const fn of ["count", "sum", "avg", "min", "max"] as const) {
    for (const distinct of [false, true]) {
      it(`${fn}${distinct ? " distinct" : ""}: merging partial states equals aggregating at once`, () => {
        fc.assert(fc.property(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.option(fc.integer({ min: -5, max: 5 }), { nil: null })), { minLength: 1, maxLength: 40 }),
          fc.nat(),
          (rows, s) => {
            const split = s % (rows.length + 1);
            const whole = aggregate(fn, distinct, rows, null);
            const merged = aggregate(fn, distinct, rows, split);
            expect(merged).toEqual(whole);
            // And against a direct reference.
            for (const [k, v] of whole) {
              let xs = rows.filter((r) => r[0] === k && r[1] !== null).map((r) => r[1]!);
              if (distinct) xs = [...new Set(xs)];
              const ref = fn === "count" ? xs.length : xs.length === 0 ? null
                : fn === "sum" ? xs.reduce((a, b) => a + b, 0) : fn === "avg" ? xs.reduce((a, b) => a + b, 0) / xs.length
                : fn === "min" ? Math.min(...xs) : Math.max(...xs);
              expect(v).toBe(ref);
            }
          },
        ), { numRuns: 60 });
      });
    }
  }
});
