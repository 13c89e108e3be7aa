import { Distinct, E, Except, Limit, Sort, Union } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { run, sorted, values } from "../helpers.js";

const c = E.column;
const a = values([["x", "int32"], ["s", "utf8"]], [[1, "a"], [2, "b"], [1, "a"], [null, null], [null, null], [3, "c"], [1, "z"]], 3);
const b = values([["x", "int32"], ["s", "utf8"]], [[2, "b"], [null, null], [9, "q"]]);

describe("distinct, union, except", () => {
  it("distinct keeps one row per value (nulls equal)", async () => {
    expect(sorted(await run(Distinct.create(a, null)))).toEqual(sorted([[1, "a"], [2, "b"], [null, null], [3, "c"], [1, "z"]]));
  });
  it("dropDuplicates keeps the first row per key", async () => {
    expect(await run(Distinct.create(a, ["x"]))).toEqual([[1, "a"], [2, "b"], [null, null], [3, "c"]]);
  });
  it("distinct on several columns keeps the first rows, in order, past the tuples it streams (300K rows)", async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [(i * 7919) % 290_000, i % 7 === 0 ? null : `s${i % 2}`]);
    const seen = new Set<string>();
    const firsts = rows.filter((r) => (seen.has(JSON.stringify(r)) ? false : (seen.add(JSON.stringify(r)), true)));
    const got = await run(Distinct.create(values([["x", "int32"], ["s", "utf8"]], rows, 4096), null));
    // As text: a deep comparison of 300K rows takes seconds.
    expect(got).toHaveLength(firsts.length);
    expect(JSON.stringify(got)).toBe(JSON.stringify(firsts));
  });
  it("union keeps all rows in order", async () => {
    const rows = await run(Union.create([a, b]));
    expect(rows).toHaveLength(10);
    expect(rows.slice(7)).toEqual([[2, "b"], [null, null], [9, "q"]]);
  });
  it("except is EXCEPT DISTINCT with nulls equal", async () => {
    expect(sorted(await run(Except.create(a, b)))).toEqual(sorted([[1, "a"], [3, "c"], [1, "z"]]));
  });
});

describe("sort and limit", () => {
  const v = values([["k", "int32"], ["s", "utf8"], ["d", "float64"]], [
    [3, "b", 1], [null, "a", NaN], [1, "c", -1], [2, null, null], [1, "a", 5], [3, "a", 2],
  ], 2);
  it("sorts ascending with nulls first by default, stably", async () => {
    const rows = await run(Sort.create(v, [{ expr: c("k"), ascending: true, nullsFirst: true }]));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([[null, "a"], [1, "c"], [1, "a"], [2, null], [3, "b"], [3, "a"]]);
  });
  it("sorts by several keys, descending with nulls last", async () => {
    const rows = await run(Sort.create(v, [{ expr: c("s"), ascending: false, nullsFirst: false }, { expr: c("k"), ascending: true, nullsFirst: true }]));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([[1, "c"], [3, "b"], [null, "a"], [1, "a"], [3, "a"], [2, null]]);
  });
  it("orders NaN above numbers", async () => {
    const rows = await run(Sort.create(v, [{ expr: c("d"), ascending: true, nullsFirst: false }]));
    expect(rows.map((r) => r[2])).toEqual([-1, 1, 2, 5, NaN, null]);
  });
  it("top-N under a limit", async () => {
    const big = values([["x", "int32"]], Array.from({ length: 100 }, (_, i) => [(i * 37) % 100]), 7);
    const rows = await run(Limit.create(Sort.create(big, [{ expr: c("x"), ascending: false, nullsFirst: false }]), 5), { batchSize: 8 });
    expect(rows).toEqual([[99], [98], [97], [96], [95]]);
  });
});
