import { describe, expect, test } from "vitest";
import { field, inferSchema } from "../../src/index.js";

describe("inferSchema (PySpark's rules)", () => {
  test("integers are long, other numbers double, mixed widen to double", () => {
    expect(inferSchema([{ a: 1, b: 1.5, c: 1, s: "x", t: new Date(0), z: true, n: 5n }, { c: 2.5 }]).fields).toEqual([
      field("a", "int64"), field("b", "float64"), field("c", "float64"), field("s", "utf8"),
      field("t", "timestamp"), field("z", "bool"), field("n", "int64"),
    ]);
  });
  test("keys in first-seen order; all-null columns are void", () => {
    expect(inferSchema([{ b: null }, { a: 1, b: null }]).fields).toEqual([field("b", "null"), field("a", "int64")]);
  });
  test("array rows need names", () => {
    expect(inferSchema([[1, "a"]], ["k", "g"]).fields).toEqual([field("k", "int64"), field("g", "utf8")]);
    expect(() => inferSchema([[1, "a"]])).toThrow(/pass 2 column names/);
  });
  test("conflicts name the column and row", () => {
    expect(() => inferSchema([{ a: 1 }, { a: "x" }])).toThrow(/column "a": row 1 holds string x \(utf8\) but earlier rows hold int64/);
    expect(() => inferSchema([{ a: { nested: 1 } }])).toThrow(/column "a", row 0: cannot infer/);
  });
});
