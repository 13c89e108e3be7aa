// Multi-column keys go through per-column ids and a tuple table: same ids as a reference Map.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GroupTable, vecFromValues } from "../../src/index.js";
import { TupleTable } from "../../src/kernels/tuple-table.js";

describe("TupleTable", () => {
  it("gives dense first-seen ids and grows past its capacity, over batches of any size", () => {
    const t = new TupleTable(2, 4);
    const n = 50_000;
    const a = Int32Array.from({ length: n }, (_, i) => i % 1000), b = Int32Array.from({ length: n }, (_, i) => i % 77);
    const ids = new Int32Array(n);
    // Uneven batches: one row, a few, then large ones (the table grows before and between them).
    for (let at = 0, step = 1; at < n; at += step, step = Math.min(step * 3, 20_000)) {
      const m = Math.min(step, n - at);
      const out = new Int32Array(m);
      t.assign([a.subarray(at, at + m), b.subarray(at, at + m)], m, out);
      ids.set(out, at);
    }
    const ref = new Map<string, number>();
    ids.forEach((id, i) => {
      const k = `${a[i]},${b[i]}`;
      if (!ref.has(k)) ref.set(k, ref.size);
      expect(id).toBe(ref.get(k));
    });
    expect(t.size).toBe(ref.size);
    const found = new Int32Array(3);
    t.lookup([Int32Array.of(999, 5000, -1), Int32Array.of(76, 1, 0)], 3, found);
    expect(Array.from(found)).toEqual([ref.get("999,76") ?? -1, -1, -1]);
  });

  it("assigns and looks up more rows than one slice in one call (a join's build side)", () => {
    const n = 200_000;
    const a = Int32Array.from({ length: n }, (_, i) => (i * 7) % 50), b = Int32Array.from({ length: n }, (_, i) => i % 3);
    const t = new TupleTable(2);
    const ids = new Int32Array(n);
    t.assign([a, b], n, ids);
    const ref = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = `${a[i]},${b[i]}`;
      if (!ref.has(k)) ref.set(k, ref.size);
      if (ids[i] !== ref.get(k)) throw new Error(`row ${i}: id ${ids[i]}, expected ${ref.get(k)}`);
    }
    expect(t.size).toBe(ref.size);
    const found = new Int32Array(n);
    t.lookup([b, a], n, found);
    for (let i = 0; i < n; i++) if (found[i] !== (ref.get(`${b[i]},${a[i]}`) ?? -1)) throw new Error(`lookup of row ${i}: ${found[i]}`);
  });

  it("finds equal tuples whose hashes collide in one probe run (many keys, small table)", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })), { maxLength: 300 }),
      fc.integer({ min: 1, max: 64 }), (rows, batch) => {
        const t = new TupleTable(3, 1);
        const ref = new Map<string, number>();
        for (let at = 0; at < rows.length; at += batch) {
          const part = rows.slice(at, at + batch);
          const cols = [0, 1, 2].map((c) => Int32Array.from(part, (r) => r[c]!));
          const out = new Int32Array(part.length);
          t.assign(cols, part.length, out);
          part.forEach((r, i) => {
            const k = r.join(",");
            if (!ref.has(k)) ref.set(k, ref.size);
            expect(out[i]).toBe(ref.get(k));
          });
        }
        expect(t.size).toBe(ref.size);
      }));
  });
});

describe("GroupTable with several key columns", () => {
  const cell = fc.record({
    i: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
    l: fc.option(fc.constantFrom(0n, 1n, -(2n ** 62n)), { nil: null }),
    d: fc.option(fc.constantFrom(0, -0, 1.5, Number.NaN), { nil: null }),
    s: fc.option(fc.constantFrom("a", "", "é", "login"), { nil: null }),
  });
  it("assigns and looks up like a reference over normalized tuples, across batches", () => {
    fc.assert(fc.property(fc.array(cell, { maxLength: 80 }), fc.integer({ min: 1, max: 9 }), (rows, batch) => {
      const t = new GroupTable(["int32", "int64", "float64", "utf8"]);
      const ref = new Map<string, number>();
      const norm = (r: (typeof rows)[number]) => JSON.stringify([r.i, r.l === null ? null : String(r.l), r.d === null ? null : Object.is(r.d, -0) ? 0 : Number.isNaN(r.d) ? "NaN" : r.d, r.s]);
      const vecs = (rs: typeof rows) => [vecFromValues("int32", rs.map((r) => r.i)), vecFromValues("int64", rs.map((r) => r.l)),
        vecFromValues("float64", rs.map((r) => r.d)), vecFromValues("utf8", rs.map((r) => r.s))];
      for (let at = 0; at < rows.length; at += batch) {
        const part = rows.slice(at, at + batch);
        const ids = t.assign(vecs(part), part.length);
        part.forEach((r, i) => {
          const k = norm(r);
          if (!ref.has(k)) ref.set(k, ref.size);
          expect(ids[i]).toBe(ref.get(k));
        });
      }
      expect(t.size).toBe(ref.size);
      const probe = [...rows.slice(0, 3), { i: 9, l: null, d: null, s: null }];
      expect(Array.from(t.lookup(vecs(probe), probe.length))).toEqual(probe.map((r) => ref.get(norm(r)) ?? -1));
      const keys = t.keyColumns();
      expect(keys).toHaveLength(4);
      expect(keys[0]!.length).toBe(ref.size);
    }));
  });
});
