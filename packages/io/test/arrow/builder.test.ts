// String columns built into one buffer against encoding each string on its own (TextEncoder), which
// is what Arrow's UTF-8 bytes must be: ASCII, Korean, astral characters, lone surrogates (U+FFFD),
// empty strings, nulls, and columns large enough to grow the buffer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as arrow from "apache-arrow";
import { makeColumn, type Cell } from "../../src/arrow/builder.js";

const encoder = new TextEncoder();

function bytesOf(d: arrow.Data): { offsets: number[]; bytes: number[] } {
  return { offsets: [...(d.valueOffsets as Int32Array)], bytes: [...(d.values as Uint8Array)] };
}

function expected(values: readonly (string | null)[]): { offsets: number[]; bytes: number[] } {
  const offsets = [0], bytes: number[] = [];
  for (const v of values) {
    if (v !== null) bytes.push(...encoder.encode(v));
    offsets.push(bytes.length);
  }
  return { offsets, bytes };
}

describe("makeColumn utf8", () => {
  it("writes each string's UTF-8 bytes at its offsets, nulls empty", () => {
    const str = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.constantFrom("", "login", "김철수", "a김b", "𝄞x", "\uD800", "x\uDC00y", "é".repeat(40)),
    );
    fc.assert(fc.property(fc.array(fc.option(str, { nil: null, freq: 5 }), { maxLength: 60 }), (values) => {
      const d = makeColumn("utf8", values as Cell[]);
      expect(d.length).toBe(values.length);
      expect(d.nullCount).toBe(values.filter((v) => v === null).length);
      expect(bytesOf(d)).toEqual(expected(values));
    }), { numRuns: 400 });
  });

  it("does not keep a grown buffer's slack", () => {
    const values = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? "가나다라" : "ab"));
    const d = makeColumn("utf8", values);
    const bytes = d.values as Uint8Array;
    expect(bytes.length).toBe(1000 * 12 + 1000 * 2);
    expect(bytes.buffer.byteLength).toBeLessThanOrEqual(Math.ceil(bytes.length * 1.125));
  });
});
