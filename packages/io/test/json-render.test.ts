// The byte-level JSON lines renderer against the cell-by-cell definition it replaced (a cell reader
// and `cellText` per value), over random batches of every type, sliced or not, nulls kept or left out.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Schema } from "@lgde/core";
import { cellReader } from "../src/arrow/cells.js";
import type { Cell } from "../src/arrow/builder.js";
import { jsonLines } from "../src/json/render.js";
import { cellText } from "../src/text/format-cell.js";
import { batchOf, schemaOf } from "./helpers.js";
import * as arrow from "apache-arrow";

const ZONE = "Asia/Seoul";
const utf8 = new TextDecoder("utf-8", { fatal: true });
const lines = (b: arrow.RecordBatch, s: Schema, ignoreNulls: boolean): string => utf8.decode(jsonLines(b, s, ignoreNulls, ZONE));

/** The writer's text as it was built before: a reader and a text per cell. */
function reference(batch: arrow.RecordBatch, s: Schema, ignoreNulls: boolean): string {
  const readers = s.fields.map((f, i) => cellReader(batch.getChildAt(i)!, f.type));
  let out = "";
  for (let r = 0; r < batch.numRows; r++) {
    const parts: string[] = [];
    s.fields.forEach((f, c) => {
      const v = readers[c]!(r);
      if (v === null) { if (!ignoreNulls) parts.push(`${JSON.stringify(f.name)}:null`); return; }
      const text = f.type === "utf8" ? JSON.stringify(v)
        : f.type === "float64" && !Number.isFinite(Number(v)) ? JSON.stringify(String(v))
        : f.type === "timestamp" || f.type === "date" ? JSON.stringify(cellText(v, f.type, ZONE))
        : cellText(v, f.type, ZONE);
      parts.push(`${JSON.stringify(f.name)}:${text}`);
    });
    out += `{${parts.join(",")}}\n`;
  }
  return out;
}

const S = schemaOf({ i: "int32", l: "int64", d: "float64", s: "utf8", b: "bool", ts: "timestamp", dt: "date", "키 \"q\"": "utf8" });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const text = fc.oneof(
  fc.constantFrom("login", "logout", "", "김철수", "a\"b", "back\\slash", "tab\there", "line\nbreak", "\u0001", "𝄞", "\u2028"),
  fc.string({ maxLength: 6 }),
);
const row = fc.tuple(
  opt(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
  opt(fc.oneof(fc.bigInt({ min: -50n, max: 50n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(2n ** 53n, -(2n ** 53n), 2n ** 53n - 1n))),
  opt(fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, -2.5, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY))),
  opt(text),
  opt(fc.boolean()),
  opt(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 16n })),
  opt(fc.integer({ min: -100_000, max: 100_000 })),
  opt(text),
);

describe("jsonLines", () => {
  it("writes what the cell-by-cell writer wrote, for any batch and slice of it", () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 30 }), fc.nat(), fc.nat(), fc.boolean(), (rows, a, b, ignoreNulls) => {
      const batch = batchOf(S, rows as unknown as Cell[][]);
      const from = rows.length === 0 ? 0 : a % rows.length, to = from + (rows.length === 0 ? 0 : b % (rows.length - from + 1));
      for (const part of [batch, batch.slice(from, to)]) expect(lines(part, S, ignoreNulls)).toBe(reference(part, S, ignoreNulls));
    }), { numRuns: 300 });
  });

  it("writes a dictionary-encoded string column and a column of type null", () => {
    const dict = arrow.vectorFromArray(["a", "b", null, "a\"q"], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
    const nulls = arrow.makeData({ type: new arrow.Null(), length: 4, nullCount: 4 });
    const fields = [new arrow.Field("s", dict.type, true), new arrow.Field("n", new arrow.Null(), true)];
    const batch = new arrow.RecordBatch(new arrow.Schema(fields), arrow.makeData({ type: new arrow.Struct(fields), length: 4, nullCount: 0, children: [dict.data[0]!, nulls] }));
    const s = schemaOf({ s: "utf8", n: "null" });
    expect(lines(batch, s, true)).toBe('{"s":"a"}\n{"s":"b"}\n{}\n{"s":"a\\"q"}\n');
    expect(lines(batch, s, false)).toBe('{"s":"a","n":null}\n{"s":"b","n":null}\n{"s":null,"n":null}\n{"s":"a\\"q","n":null}\n');
  });

  it("leaves nulls out by default and writes them when asked", () => {
    const s = schemaOf({ a: "int32", b: "utf8" });
    const batch = batchOf(s, [[null, "x"], [1, null], [null, null]]);
    expect(lines(batch, s, true)).toBe('{"b":"x"}\n{"a":1}\n{}\n');
    expect(lines(batch, s, false)).toBe('{"a":null,"b":"x"}\n{"a":1,"b":null}\n{"a":null,"b":null}\n');
  });
});
