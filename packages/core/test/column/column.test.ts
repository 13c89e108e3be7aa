import { describe, expect, test } from "vitest";
import { Column, E, SortColumn, col, exprName, lit } from "../../src/index.js";

describe("Column", () => {
  test("comparison and arithmetic methods build binary expressions, wrapping literals", () => {
    const k = E.column("k");
    const cases: [Column, string, unknown][] = [
      [col("k").equalTo(1), "=", 1], [col("k").eq(1), "=", 1], [col("k").notEqual(1), "!=", 1], [col("k").ne(1), "!=", 1],
      [col("k").gt(1), ">", 1], [col("k").lt(1), "<", 1], [col("k").geq(1), ">=", 1], [col("k").ge(1), ">=", 1],
      [col("k").leq(1), "<=", 1], [col("k").le(1), "<=", 1], [col("k").eqNullSafe(null), "<=>", null],
      [col("k").plus(1.5), "+", 1.5], [col("k").minus(1), "-", 1], [col("k").multiply(2), "*", 2],
      [col("k").divide(2), "/", 2], [col("k").mod(2), "%", 2],
    ];
    for (const [c, op, v] of cases) expect(c.expr).toEqual(E.binary(op as never, k, E.literal(v as never)));
    expect(col("a").and(col("b")).expr).toEqual(E.binary("and", E.column("a"), E.column("b")));
    expect(col("a").or(true).expr).toEqual(E.binary("or", E.column("a"), E.literal(true)));
  });
  test("unary methods", () => {
    expect(col("a").not().expr).toEqual(E.not(E.column("a")));
    expect(col("a").negate().expr).toEqual(E.negate(E.column("a")));
    expect(col("a").isNull().expr).toEqual(E.isNull(E.column("a"), false));
    expect(col("a").isNotNull().expr).toEqual(E.isNull(E.column("a"), true));
  });
  test("isin accepts values, Columns, or one array", () => {
    const expected = E.in(E.column("c"), [E.literal("KR"), E.literal("JP")]);
    expect(col("c").isin("KR", "JP").expr).toEqual(expected);
    expect(col("c").isin(...["KR", "JP"]).expr).toEqual(expected);
  });
  test("cast accepts Spark names and DataTypes", () => {
    expect(col("a").cast("int").expr).toEqual(E.cast(E.column("a"), "int32"));
    expect(col("a").cast("bigint").expr).toEqual(E.cast(E.column("a"), "int64"));
    expect(col("a").cast("string").expr).toEqual(E.cast(E.column("a"), "utf8"));
    expect(col("a").cast("float64").expr).toEqual(E.cast(E.column("a"), "float64"));
    expect(() => col("a").cast("decimal" as never)).toThrow(/cast: unsupported type "decimal"/);
  });
  test("alias/as name the column, replacing an earlier alias", () => {
    expect(col("a").plus(1).as("b").expr).toEqual(E.alias(E.binary("+", E.column("a"), E.literal(1)), "b"));
    expect(col("a").alias("b").as("c").expr).toEqual(E.alias(E.column("a"), "c"));
  });
  test("sort keys follow Spark's null defaults", () => {
    expect(col("a").asc().order).toEqual({ expr: E.column("a"), ascending: true, nullsFirst: true });
    expect(col("a").desc().order).toEqual({ expr: E.column("a"), ascending: false, nullsFirst: false });
    expect(col("a").ascNullsLast().order.nullsFirst).toBe(false);
    expect(col("a").descNullsFirst().order.nullsFirst).toBe(true);
    expect(col("a").desc().nullsFirst()).toBeInstanceOf(SortColumn);
    expect(col("a").desc().nullsFirst().order).toEqual({ expr: E.column("a"), ascending: false, nullsFirst: true });
  });
  test("substr uses 1-based positions", () => {
    expect(col("s").substr(1, 3).expr).toEqual(E.call("substring", [E.column("s"), E.literal(1), E.literal(3)]));
  });
  test("Dates become timestamp literals; undefined and objects are rejected", () => {
    expect(lit(new Date(1000)).expr).toEqual(E.literal(new Date(1000)));
    expect(() => col("a").gt(undefined as never)).toThrow(/undefined is not a literal/);
    expect(() => col("a").gt({} as never)).toThrow(/cannot make a literal/);
  });
  test("columns are immutable", () => {
    const c = col("a");
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.expr)).toBe(true);
    c.plus(1);
    expect(c.expr).toEqual(E.column("a"));
  });
  test("runtime names agree with the type-level names", () => {
    // The types claim these names; exprName must produce the same text.
    expect(exprName(col("k").plus(1).expr)).toBe("(k + 1)");
    expect(exprName(col("k").gt(col("j")).and(col("b")).expr)).toBe("((k > j) AND b)");
    expect(exprName(col("k").eqNullSafe("x").expr)).toBe("(k <=> x)");
    expect(exprName(col("k").isNull().expr)).toBe("(k IS NULL)");
    expect(exprName(col("k").isNotNull().expr)).toBe("(k IS NOT NULL)");
    expect(exprName(col("k").not().expr)).toBe("(NOT k)");
    expect(exprName(col("k").negate().expr)).toBe("(- k)");
    expect(exprName(col("k").plus(null).expr)).toBe("(k + NULL)");
    expect(exprName(col("k").minus(2.5).expr)).toBe("(k - 2.5)");
  });
});
