import { describe, expect, it } from "vitest";
import { E, exprName, exprType, field, resolveColumn, schema, splitConjunction, conjunction, columnsOf, AnalysisError } from "@lgde/core";

const s = schema([field("a", "int32", false), field("b", "int64"), field("w", "float64"), field("s", "utf8"), field("t", "timestamp"), field("d", "date")]);

describe("resolveColumn", () => {
  it("finds a column and names unknown ones with the columns that exist", () => {
    expect(resolveColumn(s, "b")).toBe(1);
    expect(() => resolveColumn(s, "nope")).toThrow(AnalysisError);
    expect(() => resolveColumn(s, "nope")).toThrow('Column "nope" does not exist. Available columns: a, b, w, s, t, d');
  });
  it("reports ambiguity", () => {
    const dup = schema([field("x", "int32"), field("x", "utf8")]);
    expect(() => resolveColumn(dup, "x")).toThrow(/ambiguous/);
  });
});

describe("exprType follows Spark's rules", () => {
  const c = E.column;
  it("widens arithmetic and makes division double and nullable", () => {
    expect(exprType(E.binary("+", c("a"), c("b")), s)).toEqual({ type: "int64", nullable: true });
    expect(exprType(E.binary("+", c("a"), E.literal(1)), s)).toEqual({ type: "int32", nullable: false });
    expect(exprType(E.binary("/", c("a"), E.literal(2)), s)).toEqual({ type: "float64", nullable: true });
    expect(exprType(E.binary("*", c("a"), c("w")), s).type).toBe("float64");
  });
  it("rejects strings in arithmetic and mismatched comparisons, naming the expression", () => {
    expect(() => exprType(E.binary("+", c("a"), c("s")), s)).toThrow(/\(a \+ s\)/);
    expect(() => exprType(E.binary("=", c("a"), c("s")), s)).toThrow(/cannot compare int32 with utf8/);
    expect(() => exprType(E.binary("and", c("a"), c("a")), s)).toThrow(/boolean/);
  });
  it("types aggregates", () => {
    expect(exprType(E.aggregate("count", []), s)).toEqual({ type: "int64", nullable: false });
    expect(exprType(E.aggregate("sum", [c("a")]), s)).toEqual({ type: "int64", nullable: true });
    expect(exprType(E.aggregate("sum", [c("w")]), s).type).toBe("float64");
    expect(exprType(E.aggregate("avg", [c("a")]), s).type).toBe("float64");
    expect(exprType(E.aggregate("max", [c("s")]), s).type).toBe("utf8");
    expect(() => exprType(E.aggregate("sum", [c("s")]), s)).toThrow(/numeric/);
  });
  it("types case, coalesce, casts and time functions", () => {
    expect(exprType(E.caseWhen([{ when: E.binary(">", c("a"), E.literal(1)), then: E.literal(1) }], E.literal(2.5)), s))
      .toEqual({ type: "float64", nullable: false });
    expect(exprType(E.call("coalesce", [c("b"), E.literal(0)]), s)).toEqual({ type: "int64", nullable: false });
    expect(exprType(E.cast(c("s"), "int32"), s)).toEqual({ type: "int32", nullable: true });
    expect(exprType(E.call("from_unixtime", [c("b"), E.literal("yyyy")]), s).type).toBe("utf8");
    expect(exprType(E.binary("<", c("t"), c("d")), s).type).toBe("bool");
    expect(() => exprType(E.cast(c("d"), "bool"), s)).toThrow(/cannot cast date to bool/);
  });
});

describe("exprName", () => {
  it("gives Spark's automatic names", () => {
    expect(exprName(E.aggregate("count", []))).toBe("count(1)");
    expect(exprName(E.aggregate("count", [E.column("a")], { distinct: true }))).toBe("count(DISTINCT a)");
    expect(exprName(E.binary("+", E.column("a"), E.literal(1)))).toBe("(a + 1)");
    expect(exprName(E.alias(E.column("a"), "x"))).toBe("x");
    expect(exprName(E.call("lower", [E.column("s")]))).toBe("lower(s)");
  });
});

describe("conjunctions", () => {
  it("split and rebuild", () => {
    const p = E.binary("and", E.binary("and", E.column("x"), E.column("y")), E.column("z"));
    expect(splitConjunction(p).map(exprName)).toEqual(["x", "y", "z"]);
    expect(exprName(conjunction(splitConjunction(p))!)).toBe("((x AND y) AND z)");
    expect(conjunction([])).toBeNull();
    expect([...columnsOf(p)]).toEqual(["x", "y", "z"]);
  });
});
