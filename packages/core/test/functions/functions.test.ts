import { describe, expect, test } from "vitest";
import {
  E, abs, asc, avg, coalesce, col, concat, count, countDistinct, dateFormat, dayofmonth, desc, exprName, first,
  fromUnixtime, hour, length, lit, lower, max, min, month, not, round, substring, sum, toDate, toTimestamp, trim,
  unixTimestamp, upper, when, year,
} from "../../src/index.js";

describe("functions", () => {
  test("lit types numbers like Spark", () => {
    expect(lit(5).expr).toEqual({ kind: "literal", value: 5, type: "int32" });
    expect(lit(5.5).expr).toEqual({ kind: "literal", value: 5.5, type: "float64" });
    expect(lit(2 ** 40).expr).toEqual({ kind: "literal", value: 2 ** 40, type: "int64" });
    expect(lit("s").expr.kind).toBe("literal");
    const c = col("a");
    expect(lit(c)).toBe(c);
  });
  test("when/otherwise builds one CASE", () => {
    const w = when(col("a").gt(1), "big").when(col("a").gt(0), "small").otherwise("none");
    expect(w.expr).toEqual(E.caseWhen([
      { when: E.binary(">", E.column("a"), E.literal(1)), then: E.literal("big") },
      { when: E.binary(">", E.column("a"), E.literal(0)), then: E.literal("small") },
    ], E.literal("none")));
    expect(when(col("a").gt(1), 1).expr).toMatchObject({ kind: "case", otherwise: null });
    expect(() => when(col("a").gt(1), 1).otherwise(2).otherwise(3)).toThrow();
  });
  test("string names are columns in functions", () => {
    expect(coalesce("a", lit(0)).expr).toEqual(E.call("coalesce", [E.column("a"), E.literal(0)]));
    expect(not("b").expr).toEqual(E.not(E.column("b")));
    for (const [fn, name] of [[lower, "lower"], [upper, "upper"], [trim, "trim"], [length, "length"], [abs, "abs"],
      [year, "year"], [month, "month"], [dayofmonth, "dayofmonth"], [hour, "hour"]] as const) {
      expect(fn("s").expr).toEqual(E.call(name, [E.column("s")]));
      expect(exprName(fn("s").expr)).toBe(`${name}(s)`);
    }
    expect(concat("a", lit("-"), "b").expr).toEqual(E.call("concat", [E.column("a"), E.literal("-"), E.column("b")]));
    expect(substring("s", 2, 3).expr).toEqual(E.call("substring", [E.column("s"), E.literal(2), E.literal(3)]));
    expect(round("x").expr).toEqual(E.call("round", [E.column("x"), E.literal(0)]));
  });
  test("time functions carry Spark's default pattern", () => {
    expect(fromUnixtime("t").expr).toEqual(E.call("from_unixtime", [E.column("t"), E.literal("yyyy-MM-dd HH:mm:ss")]));
    expect(unixTimestamp("t").expr).toEqual(E.call("unix_timestamp", [E.column("t"), E.literal("yyyy-MM-dd HH:mm:ss")]));
    expect(toDate("t").expr).toEqual(E.call("to_date", [E.column("t")]));
    expect(toTimestamp("t", "yyyyMMdd").expr).toEqual(E.call("to_timestamp", [E.column("t"), E.literal("yyyyMMdd")]));
    expect(dateFormat(col("t"), "yyyyMMdd").expr).toEqual(E.call("date_format", [E.column("t"), E.literal("yyyyMMdd")]));
  });
  test("aggregates and their Spark names", () => {
    expect(count("*").expr).toEqual(E.aggregate("count", []));
    expect(exprName(count("*").expr)).toBe("count(1)");
    expect(exprName(count("a").expr)).toBe("count(a)");
    expect(exprName(countDistinct("a").expr)).toBe("count(DISTINCT a)");
    expect(countDistinct("a", "b").expr).toEqual(E.aggregate("count", [E.column("a"), E.column("b")], { distinct: true }));
    expect(exprName(sum("v").expr)).toBe("sum(v)");
    expect(exprName(avg("v").expr)).toBe("avg(v)");
    expect(exprName(min("v").expr)).toBe("min(v)");
    expect(exprName(max("v").expr)).toBe("max(v)");
    expect(exprName(first("v").expr)).toBe("first(v)");
    expect(first("v", true).expr).toEqual(E.aggregate("first", [E.column("v")], { ignoreNulls: true }));
    expect(first("v", { ignoreNulls: true }).expr).toEqual(E.aggregate("first", [E.column("v")], { ignoreNulls: true }));
  });
  test("asc/desc by name", () => {
    expect(asc("a").order).toEqual(E.sortOrder(E.column("a"), true, true));
    expect(desc("a").order).toEqual(E.sortOrder(E.column("a"), false, false));
  });
});
