import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DataType } from "@lgde/core";
import { vecFromValues } from "../../src/index.js";
import { FirstTuples, type FirstRows, type FirstTuplesLimits } from "../../src/kernels/first-tuples.js";
import { sliceVec } from "../../src/kernels/select.js";
import type { Chunk } from "../../src/kernels/vector.js";

type Value = number | string | bigint | null;

/** A key for equal tuples: nulls equal, -0 equal to 0, NaN equal to NaN (the grouping rules). */
function keyOf(row: readonly Value[]): string {
  return JSON.stringify(row.map((v) => (v === null ? ["null"] : typeof v === "bigint" ? ["big", String(v)] : typeof v === "number" ? ["n", Number.isNaN(v) ? "NaN" : String(v === 0 ? 0 : v)] : ["s", v])));
}

/** The first rows of each tuple over batches, by a Set. */
function naive(batches: readonly (readonly (readonly Value[])[])[]): number[][] {
  const seen = new Set<string>();
  return batches.map((rows) => rows.flatMap((r, i) => {
    const k = keyOf(r);
    return seen.has(k) ? [] : (seen.add(k), [i]);
  }));
}

function chunkOf(types: readonly DataType[], rows: readonly (readonly Value[])[]): Chunk {
  return { length: rows.length, columns: types.map((t, c) => vecFromValues(t, rows.map((r) => r[c]))) };
}

/** Runs FirstTuples over the batches: the new rows of each, whenever it was passed on. */
function firstRows(types: readonly DataType[], batches: readonly (readonly (readonly Value[])[])[], limits: FirstTuplesLimits): number[][] {
  const f = new FirstTuples(types, types.map((_, i) => i), limits);
  const chunks = batches.map((b) => chunkOf(types, b));
  const out = [...chunks.flatMap((c) => f.add(c)), ...f.finish()];
  // Every batch is passed on once, in input order.
  expect(out.map((x) => x.chunk)).toEqual(chunks);
  return out.map((x) => Array.from(x.rows));
}

/** Small limits, so that a few rows stream, are held over several windows, share partitions and grow tables. */
const limits = fc.record({
  streamTuples: fc.integer({ min: 1, max: 30 }),
  windowRows: fc.integer({ min: 1, max: 60 }),
  partitionTuples: fc.integer({ min: 1, max: 8 }),
  partitionBits: fc.integer({ min: 0, max: 3 }),
});

describe("FirstTuples (distinct on several key columns)", () => {
  it("keeps the first row of every tuple as a Set does, streamed or held (tables growing), with nulls, -0 and NaN", () => {
    const types: DataType[] = ["int32", "utf8", "float64", "int64"];
    const row = fc.tuple(
      fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer(), fc.constant(null)),
      fc.oneof(fc.constantFrom("a", "b", "ü"), fc.constant(null)),
      fc.oneof(fc.constantFrom(0, -0, 1.5, Number.NaN), fc.constant(null)),
      fc.oneof(fc.bigInt({ min: -2n, max: 2n }), fc.constant(-(2n ** 63n)), fc.constant(null)),
    );
    fc.assert(fc.property(fc.array(fc.array(row, { maxLength: 40 }), { maxLength: 8 }), limits, (batches, l) => {
      expect(firstRows(types, batches, l)).toEqual(naive(batches));
    }), { numRuns: 300 });
  });

  it("tells nulls of raw int and date columns apart from zeros and from each other, on sliced batches too", () => {
    const types: DataType[] = ["int32", "date", "int32"];
    const v = fc.oneof(fc.constantFrom(0, 1), fc.constant(null));
    fc.assert(fc.property(fc.array(fc.array(fc.tuple(v, v, v), { maxLength: 30 }), { maxLength: 6 }), limits, fc.nat(3), (batches, l, cut) => {
      const f = new FirstTuples(types, [0, 1, 2], l);
      // Each batch is a slice of a longer one (values, validity and offsets not starting at 0).
      const chunks = batches.map((rows) => {
        const whole = chunkOf(types, [...rows.slice(0, cut), ...rows]);
        return { length: rows.length, columns: whole.columns.map((c) => sliceVec(c, Math.min(cut, rows.length), Math.min(cut, rows.length) + rows.length)) };
      });
      const out = [...chunks.flatMap((c) => f.add(c)), ...f.finish()];
      expect(out.map((x) => Array.from(x.rows))).toEqual(naive(batches));
    }), { numRuns: 200 });
  });

  it("takes the int columns past the 31st as ids", () => {
    const types: DataType[] = Array.from({ length: 33 }, () => "int32");
    const rows = [Array(33).fill(0), Array(33).fill(null), [...Array(32).fill(0), 1], [...Array(32).fill(0), null], Array(33).fill(0)];
    for (const l of [{ streamTuples: 100, windowRows: 100, partitionTuples: 4, partitionBits: 2 }, { streamTuples: 1, windowRows: 2, partitionTuples: 4, partitionBits: 2 }]) {
      expect(firstRows(types, [rows.slice(0, 2), rows.slice(2)], l)).toEqual([[0, 1], [0, 1]]);
    }
  });

  it("treats a raw int column of one batch all null (a null-typed vector) like nulls of any other batch", () => {
    const f = new FirstTuples(["int32", "utf8"], [0, 1], { streamTuples: 1, windowRows: 100, partitionTuples: 4, partitionBits: 1 });
    const nulls: Chunk = { length: 2, columns: [{ type: "null", length: 2, valid: new Uint8Array(2) }, vecFromValues("utf8", ["x", "x"])] };
    expect(f.add(nulls).map((x) => Array.from(x.rows))).toEqual([[0]]);
    const mixed = chunkOf(["int32", "utf8"], [[0, "x"], [null, "x"], [null, "y"]]);
    expect(f.add(mixed)).toEqual([]);
    expect(f.finish().map((x) => Array.from(x.rows))).toEqual([[0, 2]]);
  });

  it("dedupes held rows over several runs and windows (over a million rows)", () => {
    const n = 1_300_000, batch = 65_536;
    const a = new Int32Array(n), b = new Int32Array(n);
    for (let i = 0; i < n; i++) { a[i] = (i * 7919) % 400_000; b[i] = i % 3; }
    const expected = new Set<number>();
    for (let i = 0; i < n; i++) expected.add(a[i]! * 3 + b[i]!);
    const f = new FirstTuples(["int32", "int32"], [0, 1], { streamTuples: 1000, windowRows: 500_000, partitionTuples: 64, partitionBits: 10 });
    const out: FirstRows[] = [];
    for (let at = 0; at < n; at += batch) {
      const m = Math.min(batch, n - at);
      out.push(...f.add({ length: m, columns: [a.subarray(at, at + m), b.subarray(at, at + m)].map((values) => ({ type: "int32" as const, length: m, values, valid: null })) }));
    }
    expect(f.holding).toBe(true);
    out.push(...f.finish());
    const seen = new Set<number>();
    let repeated = 0, kept = 0;
    for (const { chunk, rows } of out) {
      const [x, y] = chunk.columns as { values: Int32Array }[];
      for (const i of rows) {
        const k = x!.values[i]! * 3 + y!.values[i]!;
        if (seen.has(k)) repeated++;
        seen.add(k);
      }
      kept += rows.length;
    }
    expect(repeated).toBe(0);
    expect(kept).toBe(expected.size);
  });
});
