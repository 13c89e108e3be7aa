import fc from "fast-check";
import { E, Limit, Sort } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { run, values } from "../helpers.js";

const c = E.column;

describe("top-N (Sort under Limit)", () => {
  it("equals the first n rows of the full stable sort, over many batches, ties and nulls", async () => {
    const row = fc.tuple(fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), fc.option(fc.constantFrom("a", "b", "é"), { nil: null }), fc.option(fc.bigInt({ min: -2n, max: 2n }), { nil: null }));
    await fc.assert(fc.asyncProperty(
      fc.array(row, { maxLength: 80 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 9 }),
      fc.boolean(), fc.boolean(), fc.boolean(),
      async (rows, n, batchRows, asc1, nullsFirst1, asc2) => {
        // The row number makes every row distinct, so that order (stability) is checked too.
        const numbered = rows.map((r, i) => [...r, i]);
        const input = values([["k", "int32"], ["s", "utf8"], ["b", "int64"], ["i", "int32"]], numbered, batchRows);
        const orders = [
          { expr: c("k"), ascending: asc1, nullsFirst: nullsFirst1 },
          { expr: c("s"), ascending: asc2, nullsFirst: !nullsFirst1 },
          { expr: c("b"), ascending: !asc1, nullsFirst: true },
        ];
        const full = await run(Sort.create(input, orders));
        const top = await run(Limit.create(Sort.create(input, orders), n));
        expect(top).toEqual(full.slice(0, n));
      },
    ), { numRuns: 60 });
  });

  it("keeps the earliest rows on ties across batches", async () => {
    const input = values([["k", "int32"], ["i", "int32"]], Array.from({ length: 40 }, (_, i) => [i % 2, i]), 3);
    const rows = await run(Limit.create(Sort.create(input, [{ expr: c("k"), ascending: true, nullsFirst: true }]), 5));
    expect(rows).toEqual([[0, 0], [0, 2], [0, 4], [0, 6], [0, 8]]);
  });
});
