// Pure parts of the MySQL provider: URL parsing, SQL building, filter translation and range splitting.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { E } from "@lgde/core";
import { buildSelectSql, filterToSql, parseMysqlUrl, quoteIdent, quoteTable, splitFloatRange, splitIntegerRange, type MysqlKind, type SplitRange } from "../src/mysql/index.js";

const kinds = new Map<string, MysqlKind>([
  ["i", "int"], ["b", "bigint"], ["s", "string"], ["f", "float"], ["d", "double"], ["dec", "decimal"], ["day", "date"], ["flag", "bool"], ["ts", "datetime"],
]);
const col = E.column;
const lit = E.literal;

describe("parseMysqlUrl", () => {
  it("parses user, password, host, port and database, decoding escapes", () => {
    expect(parseMysqlUrl("mysql://app:p%40ss%3Aword@db.local:3307/shop")).toEqual({
      host: "db.local", port: 3307, user: "app", password: "p@ss:word", database: "shop", connectTimeout: 5000,
    });
    expect(parseMysqlUrl("mariadb://root@127.0.0.1/")).toMatchObject({ port: 3306, password: "", database: null });
  });
  it("never repeats the password in errors", () => {
    expect(() => parseMysqlUrl("http://u:hunter2@h/db")).toThrow(/^invalid MySQL URL "http:\/\/u:\*\*\*@h\/db"/);
    expect(() => parseMysqlUrl("mysql://u:hunter2@")).not.toThrow(/hunter2/);
  });
});

describe("quoting", () => {
  it("escapes backticks and splits db.table", () => {
    expect(quoteIdent("we`ird")).toBe("`we``ird`");
    expect(quoteTable("db.t")).toBe("`db`.`t`");
    expect(quoteTable("t")).toBe("`t`");
  });
});

describe("filterToSql", () => {
  it("translates comparisons, flipping literal-first ones", () => {
    expect(filterToSql(E.binary("<", lit(5), col("i")), kinds)).toEqual({ sql: "`i` > ?", params: [5] });
    expect(filterToSql(E.binary("!=", col("i"), lit(5)), kinds)).toEqual({ sql: "`i` != ?", params: [5] });
    expect(filterToSql(E.binary("=", col("b"), lit(9007199254740993n)), kinds)).toEqual({ sql: "`b` = 9007199254740993", params: [] });
    expect(filterToSql(E.binary(">=", col("day"), lit(new Date(Date.UTC(2020, 9, 25)), "date")), kinds)).toEqual({ sql: "`day` >= ?", params: ["2020-10-25"] });
    expect(filterToSql(E.binary("<=", col("d"), lit(1.5)), kinds)).toEqual({ sql: "`d` <= ?", params: [1.5] });
  });
  it("translates is null, in and and/or", () => {
    expect(filterToSql(E.isNull(col("s")), kinds)).toEqual({ sql: "`s` IS NULL", params: [] });
    expect(filterToSql(E.in(col("i"), [lit(1), lit(null), lit(3)]), kinds)).toEqual({ sql: "`i` IN (?, ?)", params: [1, 3] });
    expect(filterToSql(E.binary("or", E.binary("=", col("s"), lit("a")), E.isNull(col("i"), true)), kinds))
      .toEqual({ sql: "(`s` = ? OR `i` IS NOT NULL)", params: ["a"] });
  });
  it("pushes the translatable side of an AND only", () => {
    const untranslatable = E.binary("=", E.call("lower", [col("s")]), lit("a"));
    expect(filterToSql(E.binary("and", untranslatable, E.binary("=", col("i"), lit(1))), kinds)).toEqual({ sql: "`i` = ?", params: [1] });
    expect(filterToSql(E.binary("or", untranslatable, E.binary("=", col("i"), lit(1))), kinds)).toBeNull();
  });
  it("does not push what MySQL would evaluate differently (could drop rows)", () => {
    // Collation-dependent ordering and inequality of strings.
    expect(filterToSql(E.binary("<", col("s"), lit("B")), kinds)).toBeNull();
    expect(filterToSql(E.binary("!=", col("s"), lit("a")), kinds)).toBeNull();
    // Single-precision FLOAT, exact DECIMAL, tinyint-as-bool, zoned DATETIME.
    expect(filterToSql(E.binary("=", col("f"), lit(0.1)), kinds)).toBeNull();
    expect(filterToSql(E.binary("=", col("dec"), lit(0.1)), kinds)).toBeNull();
    expect(filterToSql(E.binary("=", col("flag"), lit(true)), kinds)).toBeNull();
    expect(filterToSql(E.binary(">", col("ts"), lit(new Date(0))), kinds)).toBeNull();
    // Negation, column-to-column, casts, unknown columns.
    expect(filterToSql(E.not(E.binary("=", col("i"), lit(1))), kinds)).toBeNull();
    expect(filterToSql(E.binary("=", col("i"), col("b")), kinds)).toBeNull();
    expect(filterToSql(E.binary("=", E.cast(col("s"), "int32"), lit(1)), kinds)).toBeNull();
    expect(filterToSql(E.binary("=", col("zz"), lit(1)), kinds)).toBeNull();
  });
});

describe("buildSelectSql", () => {
  it("selects the projected columns of a table or a query, with filters and a split range", () => {
    expect(buildSelectSql({ relation: { table: "t" }, columns: ["i", "s"], filters: [], kinds, split: null }))
      .toEqual({ sql: "SELECT `i`, `s` FROM `t`", params: [] });
    expect(buildSelectSql({
      relation: { query: "select * from t where x > 1;" }, columns: [], filters: [E.binary("=", col("i"), lit(2))], kinds,
      split: { column: "i", range: { lower: "10", upper: "20", nulls: false } },
    })).toEqual({ sql: "SELECT 1 FROM (select * from t where x > 1) AS `lgde_query` WHERE `i` = ? AND `i` >= 10 AND `i` < 20", params: [2] });
  });
});

function contains(r: SplitRange, v: bigint | number | null): boolean {
  if (v === null) return r.nulls;
  if (r.lower !== null && (typeof v === "bigint" ? v < BigInt(r.lower) : v < Number(r.lower))) return false;
  if (r.upper !== null && (typeof v === "bigint" ? v >= BigInt(r.upper) : v >= Number(r.upper))) return false;
  return true;
}

describe("split ranges", () => {
  it("put every integer (and NULL) in exactly one of at most n near-equal ranges", () => {
    fc.assert(fc.property(
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 40n }), fc.integer({ min: 1, max: 64 }),
      fc.array(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), { maxLength: 20 }),
      (min, span, n, probes) => {
        const max = min + span > 2n ** 63n - 1n ? 2n ** 63n - 1n : min + span;
        const ranges = splitIntegerRange(min, max, n);
        expect(ranges.length).toBe(Number(max - min + 1n < BigInt(n) ? max - min + 1n : BigInt(n)));
        for (const v of [...probes, min, max, null]) expect(ranges.filter((r) => contains(r, v)).length).toBe(1);
        // Inner widths differ by at most one.
        const widths = ranges.slice(1, -1).map((r) => BigInt(r.upper!) - BigInt(r.lower!));
        if (widths.length > 1) expect(widths.reduce((a, b) => (a > b ? a : b)) - widths.reduce((a, b) => (a < b ? a : b))).toBeLessThanOrEqual(1n);
      },
    ));
  });
  it("put every float in exactly one range", () => {
    fc.assert(fc.property(
      fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 16 }),
      fc.array(fc.double({ noNaN: true }), { maxLength: 20 }),
      (min, span, n, probes) => {
        const ranges = splitFloatRange(min, min + span, n);
        expect(ranges.length).toBeLessThanOrEqual(n);
        for (const v of [...probes, min, min + span, null]) expect(ranges.filter((r) => contains(r, v)).length).toBe(1);
      },
    ));
  });
});
