import { E, Project, type DataType, type Expr, type ScalarFunctionName } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { run, values } from "../helpers.js";

const c = E.column, lit = E.literal;
const call = (fn: ScalarFunctionName, ...args: Expr[]) => E.call(fn, args);

async function eval1(rowsIn: unknown[][], cols: [string, DataType][], exprs: Expr[], timeZone = "UTC"): Promise<unknown[][]> {
  return run(Project.create(values(cols, rowsIn), exprs.map((e, i) => E.alias(e, `e${i}`))), { timeZone });
}

describe("time functions", () => {
  it("from_unixtime honours the session zone", async () => {
    const rows = await eval1([[1603565200]], [["t", "int64"]], [call("from_unixtime", c("t")), call("from_unixtime", c("t"), lit("yyyyMMdd HH"))], "Asia/Seoul");
    expect(rows).toEqual([["2020-10-25 03:46:40", "20201025 03"]]);
    const utc = await eval1([[1603565200]], [["t", "int64"]], [call("from_unixtime", c("t"))], "UTC");
    expect(utc).toEqual([["2020-10-24 18:46:40"]]);
  });

  it("unix_timestamp and to_timestamp parse in the session zone", async () => {
    const rows = await eval1([["2020-10-25 03:46:40"], ["nope"], [null]], [["s", "utf8"]], [
      call("unix_timestamp", c("s")),
      call("unix_timestamp", c("s"), lit("yyyy-MM-dd HH:mm:ss")),
      call("to_timestamp", c("s")),
    ], "Asia/Seoul");
    expect(rows).toEqual([[1603565200, 1603565200, 1603565200_000_000], [null, null, null], [null, null, null]]);
  });

  it("to_date, date_format, year/month/dayofmonth/hour", async () => {
    const ts = 1603565200_000_000; // 2020-10-24T18:46:40Z
    const rows = await eval1([[ts, "20201025"]], [["ts", "timestamp"], ["s", "utf8"]], [
      call("to_date", c("ts")),
      call("to_date", c("s"), lit("yyyyMMdd")),
      call("date_format", c("ts"), lit("yyyy/MM/dd HH:mm:ss.SSS")),
      call("year", c("ts")), call("month", c("ts")), call("dayofmonth", c("ts")), call("hour", c("ts")),
      call("date_format", call("to_date", c("s"), lit("yyyyMMdd")), lit("yyyy-MM-dd")),
    ], "Asia/Seoul");
    const day = Date.UTC(2020, 9, 25) / 86_400_000;
    expect(rows).toEqual([[day, day, "2020/10/25 03:46:40.000", 2020, 10, 25, 3, "2020-10-25"]]);
    const utc = await eval1([[ts]], [["ts", "timestamp"]], [call("to_date", c("ts")), call("hour", c("ts"))], "UTC");
    expect(utc).toEqual([[day - 1, 18]]);
  });

  it("handles zones with daylight saving", async () => {
    // 2021-03-14 02:30 does not exist in New York; 2021-11-07 01:30 happens twice (the earlier is chosen).
    const rows = await eval1([["2021-07-01 12:00:00"], ["2021-01-01 12:00:00"], ["2021-11-07 01:30:00"]], [["s", "utf8"]], [call("unix_timestamp", c("s"))], "America/New_York");
    expect(rows).toEqual([[Date.UTC(2021, 6, 1, 16) / 1000], [Date.UTC(2021, 0, 1, 17) / 1000], [Date.UTC(2021, 10, 7, 5, 30) / 1000]]);
  });
});

describe("string and math functions", () => {
  it("lower, upper, trim, length, substring, concat, coalesce", async () => {
    const rows = await eval1([["  HeLLo  ", "x"], ["Ünï", null], [null, "y"]], [["s", "utf8"], ["t", "utf8"]], [
      call("lower", c("s")), call("upper", c("s")), call("trim", c("s")), call("length", c("s")),
      call("substring", c("s"), lit(3), lit(3)), call("substring", c("s"), lit(-2), lit(5)),
      call("concat", c("s"), c("t")), call("coalesce", c("t"), c("s"), lit("z")),
    ]);
    expect(rows).toEqual([
      ["  hello  ", "  HELLO  ", "HeLLo", 9, "HeL", "  ", "  HeLLo  x", "x"],
      ["ünï", "ÜNÏ", "Ünï", 3, "ï", "nï", null, "Ünï"],
      [null, null, null, null, null, null, null, "y"],
    ]);
  });

  it("abs and round (HALF_UP)", async () => {
    const rows = await eval1([[-2.5, -7], [2.675, 15], [null, null]], [["d", "float64"], ["i", "int32"]], [
      call("abs", c("d")), call("round", c("d")), call("round", c("d"), lit(2)), call("abs", c("i")), call("round", c("i"), lit(-1)),
    ]);
    expect(rows).toEqual([[2.5, -3, -2.5, 7, -10], [2.675, 3, 2.68, 15, 20], [null, null, null, null, null]]);
  });
});

describe("casts (non-ANSI)", () => {
  it("string to numbers, booleans and dates; bad input gives null", async () => {
    const rows = await eval1([[" 12 "], ["1.9"], ["abc"], ["true"], ["2020-10-25"], ["99999999999"]], [["s", "utf8"]], [
      E.cast(c("s"), "int32"), E.cast(c("s"), "int64"), E.cast(c("s"), "float64"), E.cast(c("s"), "bool"), E.cast(c("s"), "date"),
    ]);
    const day = Date.UTC(2020, 9, 25) / 86_400_000;
    expect(rows).toEqual([
      [12, 12, 12, null, null],
      [1, 1, 1.9, null, null],
      [null, null, null, null, null],
      [null, null, null, true, null],
      [null, null, null, null, day],
      [null, 99999999999, 99999999999, null, null],
    ]);
  });

  it("numbers to strings like Spark, doubles truncate to ints", async () => {
    const rows = await eval1([[1.0, 3], [1e20, -1], [-2.7, 0], [NaN, 2147483647]], [["d", "float64"], ["i", "int32"]], [
      E.cast(c("d"), "utf8"), E.cast(c("d"), "int32"), E.cast(c("i"), "utf8"), E.cast(c("i"), "bool"), E.cast(c("i"), "int64"),
    ]);
    expect(rows).toEqual([
      ["1.0", 1, "3", true, 3], ["1.0E20", 2147483647, "-1", true, -1], ["-2.7", -2, "0", false, 0], ["NaN", 0, "2147483647", true, 2147483647],
    ]);
  });

  it("timestamps to strings and dates in the session zone", async () => {
    const rows = await eval1([[1603565200_000_000], [1603565200_123_000]], [["ts", "timestamp"]], [E.cast(c("ts"), "utf8"), E.cast(c("ts"), "int64"), E.cast(E.cast(c("ts"), "date"), "utf8")], "Asia/Seoul");
    expect(rows).toEqual([["2020-10-25 03:46:40", 1603565200, "2020-10-25"], ["2020-10-25 03:46:40.123", 1603565200, "2020-10-25"]]);
  });

  it("compares dates with timestamps and cast strings", async () => {
    const day = Date.UTC(2020, 9, 25) / 86_400_000;
    const rows = await eval1([[day]], [["d", "date"]], [E.binary("=", c("d"), E.cast(lit("2020-10-25"), "date")), E.binary("<", c("d"), lit(new Date(Date.UTC(2020, 9, 25, 1))))]);
    expect(rows).toEqual([[true, true]]);
  });
});
