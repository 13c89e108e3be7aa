import { describe, expect, it } from "vitest";
import { field, schema } from "@lgde/core";
import { batchesToRows, compareStrings, rowsToBatch } from "./rows.js";

describe("rows ↔ Arrow", () => {
  it("round-trips every type, with nulls", () => {
    const s = schema([
      field("i", "int32"), field("l", "int64"), field("d", "float64"), field("s", "utf8"),
      field("b", "bool"), field("t", "timestamp"), field("day", "date"),
    ]);
    const rows = [
      [1, 2, 1.5, "x", true, new Date(1603565200123), new Date(Date.UTC(2020, 9, 25))],
      [null, null, null, null, null, null, null],
      [-7, -9007199254740991, -0.25, "한글", false, new Date(0), new Date(0)],
    ];
    const batch = rowsToBatch(s, rows);
    expect(batch.numRows).toBe(3);
    const raw = batch.getChildAt(5)!.data[0]!.values as BigInt64Array;
    expect(raw[0]).toBe(1603565200123000n);
    expect(batchesToRows([batch], s)).toEqual(rows);
  });

  it("orders strings by code point, as UTF-8 bytes do", () => {
    expect(compareStrings("\uFFFF", "\u{1F600}")).toBe(-1);
    expect(compareStrings("a", "ab")).toBe(-1);
    expect(compareStrings("b", "ab")).toBe(1);
  });
});
