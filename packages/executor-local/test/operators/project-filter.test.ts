import { E, Filter, Limit, Project } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { run, values } from "../helpers.js";

const c = E.column, lit = E.literal;
const people = values([["id", "int32"], ["name", "utf8"], ["score", "float64"], ["n", "int64"]], [
  [1, "ann", 1.5, 10], [2, "bob", null, 20], [3, null, 3.0, null], [4, "dan", 4.5, 40], [5, "eve", 0, 50], [6, "fay", 6, 60],
]);

describe("project and filter", () => {
  it("computes arithmetic with Spark's types and null propagation", async () => {
    const plan = Project.create(people, [
      c("id"),
      E.alias(E.binary("+", c("id"), lit(1)), "id1"),
      E.alias(E.binary("/", c("id"), lit(2)), "half"),
      E.alias(E.binary("%", c("id"), lit(0)), "modzero"),
      E.alias(E.binary("*", c("n"), c("id")), "nid"),
      E.alias(E.binary("+", c("score"), c("id")), "sid"),
    ]);
    expect(plan.schema.fields.map((f) => f.type)).toEqual(["int32", "int32", "float64", "int32", "int64", "float64"]);
    const rows = await run(plan);
    expect(rows[0]).toEqual([1, 2, 0.5, null, 10, 2.5]);
    expect(rows[1]).toEqual([2, 3, 1, null, 40, null]);
    expect(rows[2]).toEqual([3, 4, 1.5, null, null, 6]);
    expect(rows).toHaveLength(6);
  });

  it("wraps int32 overflow like Spark", async () => {
    const v = values([["x", "int32"]], [[2147483647]]);
    expect(await run(Project.create(v, [E.alias(E.binary("+", c("x"), lit(1)), "y")]))).toEqual([[-2147483648]]);
  });

  it("keeps rows where the predicate is true, dropping null", async () => {
    const rows = await run(Filter.create(people, E.binary(">", c("score"), lit(2))));
    expect(rows.map((r) => r[0])).toEqual([3, 4, 6]);
  });

  it("uses three-valued logic for and/or/not", async () => {
    const b = values([["a", "bool"], ["b", "bool"]], [
      [true, null], [false, null], [null, null], [true, true], [null, false],
    ]);
    const rows = await run(Project.create(b, [
      E.alias(E.binary("and", c("a"), c("b")), "and"),
      E.alias(E.binary("or", c("a"), c("b")), "or"),
      E.alias(E.not(c("a")), "not"),
    ]));
    expect(rows).toEqual([[null, true, false], [false, null, true], [null, null, null], [true, true, false], [false, null, null]]);
  });

  it("evaluates in, is null, case when and <=>", async () => {
    const v = values([["x", "int32"]], [[1], [2], [null], [4]]);
    const rows = await run(Project.create(v, [
      E.alias(E.in(c("x"), [lit(1), lit(4)]), "in14"),
      E.alias(E.in(c("x"), [lit(1), lit(null)]), "in1null"),
      E.alias(E.isNull(c("x"), false), "isnull"),
      E.alias(E.caseWhen([{ when: E.binary("<", c("x"), lit(2)), then: lit("small") }, { when: E.binary("<", c("x"), lit(3)), then: lit("mid") }], lit("big")), "size"),
      E.alias(E.binary("<=>", c("x"), lit(null, "int32")), "nse"),
      E.alias(E.negate(c("x")), "neg"),
    ]));
    expect(rows).toEqual([
      [true, true, false, "small", false, -1],
      [false, null, false, "mid", false, -2],
      [null, null, true, "big", true, null],
      [true, null, false, "big", false, -4],
    ]);
  });

  it("stops at the limit", async () => {
    const rows = await run(Limit.create(people, 3));
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3]);
    expect(await run(Limit.create(people, 0))).toEqual([]);
  });

  it("int64 arithmetic is exact", async () => {
    const v = values([["x", "int64"]], [[2n ** 60n]]);
    const rows = await run(Project.create(v, [E.alias(E.binary("+", c("x"), lit(1)), "y")]));
    expect(rows[0]![0]).toBe(2n ** 60n + 1n);
  });
});
