import { describe, expect, it } from "vitest";
import { E } from "../../../src/expr/build.js";
import type { Expr } from "../../../src/expr/expr.js";
import { Filter, Project } from "../../../src/plan/nodes/index.js";
import { foldConstants, foldExpr } from "../../../src/optimizer/rules/fold-constants.js";
import { schema } from "../../../src/types/data-type.js";
import { and, applied, bin, col, fields, gt, lines, lit, scan } from "../fixtures.js";

const t = scan("/t", "a int32, b int32?, s utf8?, flag bool?");
const fold = (e: Expr) => foldExpr(e, t.schema);
const none = schema([]);

describe("fold-constants", () => {
  it("folds arithmetic and drops `AND true`", () => {
    const plan = Filter.create(t, and(gt(bin("+", lit(1), lit(2)), col("a")), lit(true)));
    expect(applied(foldConstants, plan).text).toBe(lines("Filter (3 > a)", "+- Scan parquet /t [a, b, s, flag]"));
  });

  it("keeps projection output names with an alias", () => {
    const plan = Project.create(t, [col("a"), bin("*", lit(2), lit(3)), E.alias(bin("-", lit(10), lit(4)), "six")]);
    const r = applied(foldConstants, plan);
    expect(r.text).toBe(lines("Project [a, 6 AS (2 * 3), 6 AS six]", "+- Scan parquet /t [a, b, s, flag]"));
    expect(r.plan.schema).toEqual(plan.schema);
  });

  it("removes `filter(true)` and turns `filter(false)` / `filter(null)` into an empty relation", () => {
    expect(applied(foldConstants, Filter.create(t, E.binary("<", lit(1), lit(2)))).text).toBe("Scan parquet /t [a, b, s, flag]");
    expect(applied(foldConstants, Filter.create(t, E.binary(">", lit(1), lit(2)))).text).toBe("LocalRelation [a, b, s, flag], 0 rows");
    const nullAndTrue = E.binary("and", E.literal(null, "bool"), lit(true));
    const r = applied(foldConstants, Filter.create(t, nullAndTrue));
    expect(r.text).toBe("LocalRelation [a, b, s, flag], 0 rows");
    expect(r.plan.schema).toEqual(t.schema);
  });

  it("uses three-valued logic", () => {
    const n = E.literal(null, "bool");
    expect(fold(E.binary("and", n, lit(false)))).toEqual(lit(false));
    expect(fold(E.binary("or", n, lit(true)))).toEqual(lit(true));
    expect(fold(E.binary("or", n, lit(false)))).toEqual(E.literal(null, "bool"));
    expect(fold(E.not(n))).toEqual(E.literal(null, "bool"));
    expect(fold(E.binary("and", col("flag"), lit(false)))).toEqual(lit(false));
    expect(fold(E.binary("or", col("flag"), lit(false)))).toEqual(col("flag"));
    expect(fold(E.binary("<=>", E.literal(null, "int32"), E.literal(null, "int32")))).toEqual(lit(true));
    expect(fold(E.binary("=", E.literal(null, "int32"), lit(1)))).toEqual(E.literal(null, "bool"));
    expect(fold(E.in(lit(3), [lit(1), E.literal(null, "int32")]))).toEqual(E.literal(null, "bool"));
    expect(fold(E.in(lit(1), [lit(1), E.literal(null, "int32")]))).toEqual(lit(true));
  });

  it("follows Spark's arithmetic: / is double, division by zero is null, overflow is left to run time", () => {
    expect(fold(bin("/", lit(7), lit(2)))).toEqual(E.literal(3.5, "float64"));
    expect(fold(bin("/", lit(7), lit(0)))).toEqual(E.literal(null, "float64"));
    expect(fold(bin("%", lit(-7), lit(2)))).toEqual(E.literal(-1, "int32"));
    expect(fold(bin("%", lit(7), lit(0)))).toEqual(E.literal(null, "int32"));
    const overflow = bin("+", lit(2147483647), lit(1));
    expect(fold(overflow)).toBe(overflow);
    expect(fold(bin("+", E.literal(2147483647, "int64"), lit(1)))).toEqual(E.literal(2147483648, "int64"));
    expect(fold(bin("+", lit(1), lit(0.5)))).toEqual(E.literal(1.5, "float64"));
  });

  it("folds safe casts and leaves the others", () => {
    expect(fold(E.cast(lit("12"), "int32"))).toEqual(E.literal(12, "int32"));
    expect(fold(E.cast(lit(3.7), "int32"))).toEqual(E.literal(3, "int32"));
    expect(fold(E.cast(lit(true), "int64"))).toEqual(E.literal(1, "int64"));
    expect(fold(E.cast(lit(42), "utf8"))).toEqual(E.literal("42", "utf8"));
    const decimalString = E.cast(lit("1.5"), "int32");
    expect(fold(decimalString)).toBe(decimalString);
    const doubleToString = E.cast(lit(1.5), "utf8");
    expect(fold(doubleToString)).toBe(doubleToString);
    expect(fold(E.cast(E.literal(null, "null"), "utf8"))).toEqual(E.literal(null, "utf8"));
  });

  it("simplifies is_null, CASE and coalesce keeping the type", () => {
    expect(fold(E.isNull(col("a")))).toEqual(lit(false));
    expect(fold(E.isNull(col("b")))).toEqual(E.isNull(col("b")));
    const c = E.caseWhen([{ when: lit(false), then: lit(1.5) }, { when: gt(col("a"), lit(0)), then: lit(1) }], lit(2));
    expect(fold(c)).toEqual(E.cast(E.caseWhen([{ when: gt(col("a"), lit(0)), then: lit(1) }], lit(2)), "float64"));
    expect(fold(E.caseWhen([{ when: lit(true), then: col("b") }], lit(0)))).toEqual(col("b"));
    expect(fold(E.call("coalesce", [E.literal(null, "int32"), col("b"), lit(0)]))).toEqual(E.call("coalesce", [col("b"), lit(0)]));
    expect(fold(E.call("coalesce", [lit(5), col("b")]))).toEqual(lit(5));
    expect(foldExpr(E.binary("<", lit("a"), lit("b")), none)).toEqual(lit(true));
    // A date (days) against a timestamp (microseconds) is left to the executor.
    const mixed = E.binary("<", E.literal(1, "date"), E.literal(5, "timestamp"));
    expect(foldExpr(mixed, none)).toBe(mixed);
    expect(foldExpr(E.binary("<", E.literal(1, "date"), E.literal(5, "date")), none)).toEqual(lit(true));
  });

  it("reports no change when there is nothing to fold", () => {
    const plan = Filter.create(t, gt(col("a"), lit(1)));
    const r = applied(foldConstants, plan);
    expect(r.transformed).toBe(false);
    expect(r.plan).toBe(plan);
    expect(fields("x int32").fields.length).toBe(1);
  });
});
