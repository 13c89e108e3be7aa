// Grouping a single int32/date key by direct indexing (`DirectGroups`), and moving the
// accumulators between a table's ids and direct ids (`AggregateGroups`): checked against a Map.
import { Aggregate, E, type DataType } from "@lgde/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DirectGroups, directRangeLimit, DIRECT_MAX_RANGE } from "../../src/kernels/direct-groups.js";
import { IntList } from "../../src/kernels/builder.js";
import { vecFromValues } from "../../src/index.js";
import { AggregateGroups } from "../../src/operators/hash-aggregate.js";
import { run, sorted, values } from "../helpers.js";

const INT_MIN = -2147483648, INT_MAX = 2147483647;
const c = E.column;
const agg = (fn: "count" | "sum" | "avg" | "min" | "max" | "first", args: ReturnType<typeof c>[], distinct = false, ignoreNulls = false) =>
  E.aggregate(fn, args, { distinct, ignoreNulls });

type Row = [number | null, number | null];

/** What the aggregate below should give, computed row by row with a Map. */
function reference(rows: readonly Row[]): unknown[][] {
  const groups = new Map<number | null, Row[]>();
  for (const r of rows) { const g = groups.get(r[0]); if (g) g.push(r); else groups.set(r[0], [r]); }
  return [...groups].map(([k, rs]) => {
    const vs = rs.map((r) => r[1]).filter((v): v is number => v !== null);
    const distinct = [...new Set(vs)];
    const sum = vs.reduce((a, b) => a + b, 0);
    return [
      k, rs.length, vs.length,
      vs.length === 0 ? null : sum,
      vs.length === 0 ? null : sum / vs.length,
      vs.length === 0 ? null : Math.min(...vs),
      vs.length === 0 ? null : Math.max(...vs),
      vs.length === 0 ? null : vs[0],
      rs[0]![1],
      distinct.length,
      distinct.length === 0 ? null : distinct.reduce((a, b) => a + b, 0),
    ];
  });
}

async function aggregate(rows: readonly Row[], type: DataType, batchSize: number, grouped = true): Promise<unknown[][]> {
  const v = values([["k", type], ["v", "int32"]], rows as unknown[][], 7);
  const plan = Aggregate.create(v, grouped ? [c("k")] : [], [
    E.alias(E.aggregate("count", [], { distinct: false, ignoreNulls: false }), "n"),
    E.alias(agg("count", [c("v")]), "nv"),
    E.alias(agg("sum", [c("v")]), "s"),
    E.alias(agg("avg", [c("v")]), "a"),
    E.alias(agg("min", [c("v")]), "mn"),
    E.alias(agg("max", [c("v")]), "mx"),
    E.alias(agg("first", [c("v")], false, true), "f"),
    E.alias(agg("first", [c("v")]), "f0"),
    E.alias(agg("count", [c("v")], true), "nd"),
    E.alias(agg("sum", [c("v")], true), "sd"),
  ]);
  return run(plan, { batchSize });
}

const smallKey = fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constant(null));
const anyKey = fc.oneof(
  { arbitrary: fc.integer({ min: -30, max: 30 }), weight: 6 },
  { arbitrary: fc.constantFrom(null, INT_MIN, INT_MAX, INT_MIN + 1, INT_MAX - 1), weight: 1 },
  { arbitrary: fc.integer({ min: -5000, max: 5000 }), weight: 1 },
);
const value = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant(null));

describe("hash aggregate on a single int key (direct indexing and its fallbacks)", () => {
  it("matches a Map for small, negative, extreme and null keys, any batch size", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(anyKey, value), { maxLength: 120 }), fc.constantFrom(1, 4, 16, 1000), async (rows, batchSize) => {
      expect(sorted(await aggregate(rows, "int32", batchSize))).toEqual(sorted(reference(rows)));
    }), { numRuns: 150 });
  });

  it("matches a Map for date keys", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(smallKey, value), { maxLength: 60 }), async (rows) => {
      expect(sorted(await aggregate(rows, "date", 4))).toEqual(sorted(reference(rows)));
    }), { numRuns: 50 });
  });

  it("keys drifting up, drifting down, then jumping out of range", async () => {
    const rows: Row[] = [];
    for (let i = 0; i < 400; i++) rows.push([i * 3, i % 7 === 0 ? null : i % 11]);
    for (let i = 0; i < 400; i++) rows.push([-i * 5, i % 5]);
    rows.push([null, 1], [INT_MAX, 2], [INT_MIN, 3], [17, 4]);
    for (let i = 0; i < 100; i++) rows.push([i, i]);
    for (const batchSize of [3, 64, 4096]) expect(sorted(await aggregate(rows, "int32", batchSize))).toEqual(sorted(reference(rows)));
  });

  it("empty input, all-null keys, and a global aggregate", async () => {
    expect(await aggregate([], "int32", 4)).toEqual([]);
    const nulls: Row[] = [[null, 1], [null, null], [null, 3]];
    expect(await aggregate(nulls, "int32", 2)).toEqual(reference(nulls));
    const rows: Row[] = [[1, 5], [2, 5], [3, null], [1, 7]];
    expect((await aggregate(rows, "int32", 2, false))[0]).toEqual([4, 3, 17, 17 / 3, 5, 7, 5, 5, 2, 12]);
  });

  it("groups only (no aggregates, as under count()): the distinct keys", async () => {
    await fc.assert(fc.asyncProperty(fc.array(anyKey, { maxLength: 100 }), fc.constantFrom(1, 5, 1000), async (keys, batchSize) => {
      const v = values([["k", "int32"]], keys.map((k) => [k]), 9);
      const got = await run(Aggregate.create(v, [c("k")], []), { batchSize });
      expect(sorted(got)).toEqual(sorted([...new Set(keys)].map((k) => [k])));
    }), { numRuns: 100 });
  });
});

describe("AggregateGroups", () => {
  /** Feeds batches of keys; returns the modes seen and checks that equal keys get equal ids within each numbering. */
  function feed(batches: readonly (readonly (number | null)[])[]): { modes: boolean[]; groups: AggregateGroups; renumbered: number } {
    let renumbered = 0;
    // The id of each distinct key so far, renumbered along with the groups.
    let idOf = new Map<number | null, number>();
    const groups = new AggregateGroups(["int32"], (map) => {
      renumbered++;
      const next = new Map<number | null, number>();
      for (const [k, id] of idOf) { expect(map[id], `key ${k}`).toBeGreaterThanOrEqual(0); next.set(k, map[id]!); }
      idOf = next;
    });
    const modes: boolean[] = [];
    for (const keys of batches) {
      const out = new Int32Array(keys.length);
      groups.assign([vecFromValues("int32", keys as unknown[])], keys.length, out);
      modes.push(groups.isDirect);
      keys.forEach((k, i) => {
        const id = out[i]!;
        expect(id).toBeLessThan(groups.numGroups);
        const known = idOf.get(k);
        if (known === undefined) idOf.set(k, id);
        else if (id !== known) expect(id, `key ${String(k)}`).toBe(known);
      });
      // Distinct keys, distinct ids.
      expect(new Set(idOf.values()).size).toBe(idOf.size);
    }
    const { keys, ids } = groups.finish();
    const col = keys[0]!;
    expect(col.length).toBe(idOf.size);
    const seen = new Map<number | null, number>();
    for (let g = 0; g < col.length; g++) {
      const k = col.valid !== null && col.valid[g] === 0 ? null : col.type === "int32" ? col.values[g]! : NaN;
      seen.set(k, ids === null ? g : ids[g]!);
    }
    expect(seen).toEqual(idOf);
    return { modes, groups, renumbered };
  }

  it("starts on a table, switches to direct ids once the range fits the rows, and leaves for a wide key", () => {
    const batch = (lo: number) => Array.from({ length: 100 }, (_, i) => lo + ((i * 37) % 100));
    const { modes } = feed([[0, 5_000_000], batch(0), batch(0), [...batch(50), null], [INT_MAX, INT_MIN], batch(-20)]);
    // 2 rows spanning 5M: a table; then direct ids would need 5M slots for 102 rows: still a table.
    expect(modes[0]).toBe(false);
    const small = feed([batch(0), batch(100), batch(-100), [null, 3], [INT_MAX], batch(7)]);
    expect(small.modes.slice(0, 4)).toEqual([true, true, true, true]);
    expect(small.modes[4]).toBe(false);
    expect(small.renumbered).toBeGreaterThanOrEqual(2); // growing downwards, then leaving
    void modes;
  });

  it("agrees with a Map whatever the batches (property)", () => {
    const key = fc.oneof(
      { arbitrary: fc.integer({ min: -40, max: 40 }), weight: 8 },
      { arbitrary: fc.constantFrom(null, INT_MIN, INT_MAX), weight: 1 },
      { arbitrary: fc.integer({ min: -100_000, max: 100_000 }), weight: 1 },
    );
    fc.assert(fc.property(fc.array(fc.array(key, { maxLength: 50 }), { maxLength: 8 }), (batches) => { feed(batches); }), { numRuns: 300 });
  });

  it("direct ids from the first batch of random keys in a million-value range", () => {
    const keys = Array.from({ length: 32768 }, (_, i) => (i * 2654435761) % 1_000_000);
    const { modes, renumbered } = feed([keys, keys.map((k) => 999_999 - k)]);
    expect(modes).toEqual([true, true]);
    expect(renumbered).toBe(0);
  });
});

describe("DirectGroups", () => {
  it("grows upwards keeping ids, downwards shifting them, within int32 at both ends", () => {
    const d = new DirectGroups(10, 20, 1000);
    const out = new Int32Array(3);
    expect(d.assign(Int32Array.of(10, 20, 15), null, 0, 3, out)).toBe(3);
    const before = Array.from(out);
    expect(d.cover(10, 200, 1000)).toBe(0);
    d.assign(Int32Array.of(10, 20, 15), null, 0, 3, out);
    expect(Array.from(out)).toEqual(before);
    const shift = d.cover(-300, 15, 1000)!;
    expect(shift).toBeGreaterThan(0);
    d.assign(Int32Array.of(10, 20, 15), null, 0, 3, out);
    expect(Array.from(out)).toEqual(before.map((g) => g + shift));
    expect(Array.from(d.keys(d.presentIds(), "int32").values)).toEqual([10, 15, 20]);
    // The range may not pass the rows' limit.
    expect(d.cover(0, DIRECT_MAX_RANGE, 1 << 30)).toBeNull();

    const top = new DirectGroups(INT_MAX - 3, INT_MAX, 1000);
    expect(top.assign(Int32Array.of(INT_MAX, INT_MIN, INT_MAX - 1), null, 0, 3, new Int32Array(3))).toBe(1);
    expect(top.base + top.capacity - 1).toBeLessThanOrEqual(INT_MAX);
    const bottom = new DirectGroups(INT_MIN, INT_MIN + 2, 1000);
    const ids = new Int32Array(3);
    expect(bottom.assign(Int32Array.of(INT_MIN, INT_MIN + 2, INT_MAX), Uint8Array.of(1, 1, 1), 0, 3, ids)).toBe(2);
    expect(bottom.base).toBe(INT_MIN);
    expect(Array.from(bottom.keys(bottom.presentIds(), "int32").values)).toEqual([INT_MIN, INT_MIN + 2]);
  });

  it("as a set: fresh rows once per value, nulls skipped, stops outside the range", () => {
    const d = new DirectGroups(0, 9, 100, directRangeLimit);
    const fresh = new IntList();
    expect(d.addFresh(Int32Array.of(3, 3, 0, 9, 0, 3), Uint8Array.of(1, 1, 0, 1, 1, 1), 0, 6, fresh)).toBe(6);
    expect(Array.from(fresh.view())).toEqual([0, 3, 4]);
    fresh.clear();
    expect(d.addFresh(Int32Array.of(3, 5, 1000, 6), null, 0, 4, fresh)).toBe(2);
    expect(Array.from(fresh.view())).toEqual([1]);
  });

  it("range limit: 64 slots per row up to 2^20 - 1, 4 per row beyond, never past 2^22 - 1", () => {
    expect(directRangeLimit(10)).toBe(640);
    expect(directRangeLimit(32768)).toBe((1 << 20) - 1);
    expect(directRangeLimit(500_000)).toBe(2_000_000);
    expect(directRangeLimit(1 << 20)).toBe(DIRECT_MAX_RANGE);
    expect(DIRECT_MAX_RANGE).toBe((1 << 22) - 1);
  });
});

describe("renumbering keeps exact sums", () => {
  it("avg of bigints whose sum passes 2^63 is the same whether the groups were renumbered or not", async () => {
    const ns = 1_700_000_000_000_000_000n;
    const rows = [...Array.from({ length: 6 }, (_, i) => [10, ns + BigInt(i)]), [0, 1n]];
    const plan = (batchRows: number) => Aggregate.create(values([["k", "int32"], ["v", "int64"]], rows, batchRows), [c("k")],
      [E.alias(agg("avg", [c("v")]), "a"), E.alias(agg("sum", [c("v")]), "s")]);
    // One batch: no renumbering. Two batches: key 0 arrives after key 10, below the range.
    const whole = sorted(await run(plan(100))), split = sorted(await run(plan(6)));
    expect(split).toEqual(whole);
    expect(whole[1]![1]).toBeCloseTo(1.7e18, -5);
  });
});
