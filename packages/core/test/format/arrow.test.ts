import * as arrow from "apache-arrow";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  batchesToRows, field, parseDdl, rowsToBatches, schema, toArrowSchema, type DataType, type Field,
} from "../../src/index.js";

const MS_PER_DAY = 86_400_000;

/** A generator of values a column of type t holds, as collect() returns them. */
function valueOf(t: DataType): fc.Arbitrary<unknown> {
  switch (t) {
    case "int32": return fc.integer();
    case "int64": return fc.maxSafeInteger();
    case "float64": return fc.double({ noNaN: true });
    case "utf8": return fc.string({ unit: "grapheme", maxLength: 30 });
    case "bool": return fc.boolean();
    case "timestamp": return fc.integer({ min: -2e12, max: 4e12 }).map((ms) => new Date(ms));
    case "date": return fc.integer({ min: -50000, max: 50000 }).map((d) => new Date(d * MS_PER_DAY));
    case "null": return fc.constant(null);
  }
}

const fieldArb: fc.Arbitrary<Field> = fc.record({
  type: fc.constantFrom<DataType>("int32", "int64", "float64", "utf8", "bool", "timestamp", "date", "null"),
  nullable: fc.boolean(),
}).map(({ type, nullable }) => ({ type, nullable: type === "null" ? true : nullable, name: "" }));

describe("rows <-> Arrow", () => {
  test("round-trips every type, with nulls, across batch boundaries", () => {
    const arb = fc.array(fieldArb, { minLength: 1, maxLength: 5 }).chain((fs) => {
      const s = schema(fs.map((f, i) => field(`c${i}`, f.type, f.nullable)));
      const row = fc.tuple(...s.fields.map((f) => (f.nullable ? fc.option(valueOf(f.type), { nil: null }) : valueOf(f.type))));
      return fc.tuple(fc.constant(s), fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }));
    });
    fc.assert(fc.property(arb, ([s, tuples, batchSize]) => {
      const rows = tuples.map((t) => Object.fromEntries(t.map((v, i) => [`c${i}`, v])));
      const batches = rowsToBatches(rows, s, batchSize);
      expect(batches.every((b) => b.numRows <= batchSize)).toBe(true);
      expect(batches.every((b) => arrow.util.compareSchemas(b.schema, toArrowSchema(s)))).toBe(true);
      expect(batchesToRows(batches)).toEqual(rows);
    }), { numRuns: 200 });
  });

  test("stores the documented Arrow layouts", () => {
    const s = parseDdl("i int, l bigint, t timestamp, d date, s string, b boolean");
    const [batch] = rowsToBatches([{ i: 1, l: 2, t: new Date(1500), d: "1970-01-03", s: "héllo", b: true }], s);
    const child = (i: number) => batch!.data.children[i]!;
    expect(child(0).values).toBeInstanceOf(Int32Array);
    expect(child(1).values).toEqual(new BigInt64Array([2n]));
    expect(child(2).values).toEqual(new BigInt64Array([1_500_000n]));
    expect(child(3).values).toEqual(new Int32Array([2]));
    expect(batch!.getChild("s")!.get(0)).toBe("héllo");
    expect(batch!.getChild("b")!.get(0)).toBe(true);
    expect(batchesToRows([batch!])).toEqual([{ i: 1, l: 2, t: new Date(1500), d: new Date(2 * MS_PER_DAY), s: "héllo", b: true }]);
  });

  test("array rows are read by position; bigints and epoch ms are accepted", () => {
    const s = parseDdl("l bigint, t timestamp");
    expect(batchesToRows(rowsToBatches([[5n, 1000]], s))).toEqual([{ l: 5, t: new Date(1000) }]);
  });

  test("int64 beyond 2^53 is an error naming the column", () => {
    const batches = rowsToBatches([{ big: 2n ** 60n }], parseDdl("big bigint"));
    expect(() => batchesToRows(batches)).toThrow(/column "big".*1152921504606846976.*toArrow/);
  });

  test("bad values are errors naming the column and row", () => {
    expect(() => rowsToBatches([{ k: 1 }, { k: 1.5 }], parseDdl("k int"))).toThrow(/column "k" \(int32\), row 1: cannot store number 1.5/);
    expect(() => rowsToBatches([{ k: "1" }], parseDdl("k bigint"))).toThrow(/column "k" \(int64\), row 0: cannot store string "1"/);
    expect(() => rowsToBatches([{ d: "25/10/2020" }], parseDdl("d date"))).toThrow(/column "d" \(date\), row 0/);
    expect(() => rowsToBatches([{ k: null }], parseDdl("k int not null"))).toThrow(/column "k" is not nullable, but row 0 is null/);
  });

  test("a key that is not in the schema is an error, not silently dropped", () => {
    expect(() => rowsToBatches([{ k: 1, extra: 2 }], parseDdl("k int"))).toThrow(/row 0 has column "extra" that is not in the schema \(k\)/);
    expect(() => rowsToBatches([[1, 2]], parseDdl("k int"))).toThrow(/row 0 has 2 values but the schema has 1 columns/);
  });

  test("sliced batches (offsets) read correctly", () => {
    const s = parseDdl("k int, s string, b boolean, l bigint");
    const rows = Array.from({ length: 20 }, (_, i) => ({ k: i % 3 === 0 ? null : i, s: `s${i}`, b: i % 2 === 0, l: i * 10 }));
    const [batch] = rowsToBatches(rows, s);
    expect(batchesToRows([batch!.slice(5, 12)])).toEqual(rows.slice(5, 12));
  });

  test("duplicate column names are an error rather than a lost value", () => {
    const a = rowsToBatches([{ k: 1 }], parseDdl("k int"))[0]!;
    const dup = new arrow.RecordBatch(
      new arrow.Schema([a.schema.fields[0]!, a.schema.fields[0]!]),
      arrow.makeData({ type: new arrow.Struct([a.schema.fields[0]!, a.schema.fields[0]!]), length: 1, children: [a.data.children[0]!, a.data.children[0]!] }),
    );
    expect(() => batchesToRows([dup])).toThrow(/two columns named "k"/);
  });
});
