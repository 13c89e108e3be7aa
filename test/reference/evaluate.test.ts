// Sanity checks of the reference evaluator itself, against hand-computed Spark results.
import { describe, expect, it } from "vitest";
import { Aggregate, E, Except, Filter, Join, Project, Sort, Values, field, schema, type Schema } from "@lgde/core";
import { evaluate } from "./evaluate.js";
import { rowsToBatch, type Row } from "./rows.js";

const values = (s: Schema, rows: Row[]) => Values.create([rowsToBatch(s, rows)], s);
const c = E.column;
const lit = E.literal;

const t = values(schema([field("k", "int32"), field("v", "int64"), field("s", "utf8")]), [
  [1, 10, "a"], [1, null, "b"], [null, 5, "c"], [2, 7, null], [null, 1, "a"],
]);

describe("reference evaluator", () => {
  it("uses three-valued logic in filters", () => {
    const p = Filter.create(t, E.not(E.binary("and", E.binary(">", c("v"), lit(6)), E.binary("=", c("k"), lit(1)))));
    // not(v>6 and k=1): row1 false; row2 (null and true)=null→dropped; row3 (false and null)=false→kept; row4 (true and false)→kept; row5 kept
    expect(evaluate(p).rows).toEqual([[null, 5, "c"], [2, 7, null], [null, 1, "a"]]);
  });

  it("divides to double, null on zero; % null on zero", () => {
    const p = Project.create(t, [E.alias(E.binary("/", c("v"), c("k")), "q"), E.alias(E.binary("%", c("v"), lit(0)), "m")]);
    expect(evaluate(p).rows.map((r) => r[0])).toEqual([10, null, null, 3.5, null]);
    expect(evaluate(p).rows.every((r) => r[1] === null)).toBe(true);
  });

  it("groups null keys together and skips nulls in count(col) and sum", () => {
    const p = Aggregate.create(t, [c("k")], [
      E.alias(E.aggregate("count", []), "n"), E.alias(E.aggregate("count", [c("v")]), "nv"),
      E.alias(E.aggregate("sum", [c("v")]), "sv"), E.alias(E.aggregate("count", [c("s")], { distinct: true }), "ds"),
    ]);
    expect(evaluate(p).rows).toEqual([[1, 2, 1, 10, 2], [null, 2, 2, 6, 2], [2, 1, 1, 7, 0]]);
  });

  it("gives one row with count 0 and sum null on an empty input without keys", () => {
    const empty = Filter.create(t, lit(false));
    const p = Aggregate.create(empty, [], [E.alias(E.aggregate("count", []), "n"), E.alias(E.aggregate("sum", [c("v")]), "s")]);
    expect(evaluate(p).rows).toEqual([[0, null]]);
    expect(evaluate(Aggregate.create(empty, [c("k")], [E.alias(E.aggregate("count", []), "n")])).rows).toEqual([]);
  });

  it("joins on using-columns: null keys never match, full joins coalesce the key", () => {
    const r = values(schema([field("k", "int32"), field("w", "utf8")]), [[1, "x"], [3, "y"], [null, "z"]]);
    const rows = (how: "inner" | "left" | "right" | "full" | "semi" | "anti") => evaluate(Join.create(t, r, how, null, ["k"])).rows;
    expect(rows("inner")).toEqual([[1, 10, "a", "x"], [1, null, "b", "x"]]);
    expect(rows("left")).toHaveLength(5);
    expect(rows("right")).toEqual([[1, 10, "a", "x"], [1, null, "b", "x"], [3, null, null, "y"], [null, null, null, "z"]]);
    expect(rows("full")).toHaveLength(2 + 3 + 2);
    expect(rows("full")).toContainEqual([3, null, null, "y"]);
    expect(rows("semi")).toEqual([[1, 10, "a"], [1, null, "b"]]);
    expect(rows("anti")).toEqual([[null, 5, "c"], [2, 7, null], [null, 1, "a"]]);
  });

  it("subtracts distinct rows with nulls equal", () => {
    const a = values(schema([field("x", "int32")]), [[1], [1], [null], [null], [2]]);
    const b = values(schema([field("x", "int32")]), [[2]]);
    expect(evaluate(Except.create(a, b)).rows).toEqual([[1], [null]]);
    expect(evaluate(Except.create(a, a)).rows).toEqual([]);
  });

  it("sorts stably with nulls first ascending and last descending", () => {
    expect(evaluate(Sort.create(t, [E.sortOrder(c("k"))])).rows.map((r) => r[2])).toEqual(["c", "a", "a", "b", null]);
    expect(evaluate(Sort.create(t, [E.sortOrder(c("k"), false)])).rows.map((r) => r[2])).toEqual([null, "a", "b", "c", "a"]);
  });
});
