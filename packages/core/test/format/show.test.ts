import { describe, expect, test } from "vitest";
import { formatDouble, formatTimestamp, parseDdl, rowsToBatches, schemaTreeString, showString } from "../../src/index.js";

function show(ddl: string, rows: Record<string, unknown>[], n = 20, options = {}, zone = "UTC"): string {
  const s = parseDdl(ddl);
  return showString(s.fields.map((f) => f.name), rowsToBatches(rows, s, 2), n, zone, options);
}

describe("showString (Spark's Dataset.showString)", () => {
  test("right-aligned cells, min width 3, null as null", () => {
    expect(show("k int, g string", [{ k: 1, g: "a" }, { k: 2, g: null }])).toBe(
      "+---+----+\n" +
      "|  k|   g|\n" +
      "+---+----+\n" +
      "|  1|   a|\n" +
      "|  2|null|\n" +
      "+---+----+\n",
    );
  });
  test("only showing top N rows, singular for one", () => {
    const rows = [{ k: 1 }, { k: 2 }, { k: 3 }];
    expect(show("k int", rows, 2)).toBe("+---+\n|  k|\n+---+\n|  1|\n|  2|\n+---+\nonly showing top 2 rows\n");
    expect(show("k int", rows, 1)).toMatch(/only showing top 1 row\n$/);
    expect(show("k int", rows, 3)).not.toMatch(/only showing/);
  });
  test("truncates at 20 characters with ... and not below 4", () => {
    const long = "abcdefghijklmnopqrstuvwxyz";
    expect(show("s string", [{ s: long }])).toContain("|abcdefghijklmnopq...|");
    expect(show("s string", [{ s: long }], 20, { truncate: 3 })).toContain("|abc|");
    expect(show("s string", [{ s: long }], 20, { truncate: 5 })).toContain("|ab...|");
  });
  test("truncate false left-aligns and keeps everything", () => {
    expect(show("s string, k int", [{ s: "abcdefghijklmnopqrstuvwxyz", k: 1 }], 20, { truncate: false })).toBe(
      "+--------------------------+---+\n" +
      "|s                         |k  |\n" +
      "+--------------------------+---+\n" +
      "|abcdefghijklmnopqrstuvwxyz|1  |\n" +
      "+--------------------------+---+\n",
    );
  });
  test("vertical records", () => {
    expect(show("k int, name string", [{ k: 1, name: "alice" }, { k: 2, name: null }], 20, { vertical: true })).toBe(
      "-RECORD 0-----\n" +
      " k    | 1     \n" +
      " name | alice \n" +
      "-RECORD 1-----\n" +
      " k    | 2     \n" +
      " name | null  \n",
    );
    expect(show("k int", [], 20, { vertical: true })).toBe("(0 rows)\n");
  });
  test("an empty result prints the header", () => {
    expect(show("k int", [])).toBe("+---+\n|  k|\n+---+\n+---+\n");
  });
  test("values render like Spark: doubles, booleans, dates, timestamps in the session zone", () => {
    const out = show("w double, b boolean, d date, t timestamp",
      [{ w: 2440000, b: true, d: "2020-10-25", t: new Date("2020-10-25T00:00:00Z") }], 20, {}, "Asia/Seoul");
    expect(out).toContain("|2440000.0|true|2020-10-25|2020-10-25 09:00:00|");
  });
  test("wide characters count double", () => {
    expect(show("s string", [{ s: "한글" }])).toBe("+----+\n|   s|\n+----+\n|한글|\n+----+\n");
  });
  test("control characters are escaped", () => {
    expect(show("s string", [{ s: "a\nb" }])).toContain("|a\\nb|");
  });
});

describe("cell formats", () => {
  test("Java's Double.toString", () => {
    expect([1, 0, -0, 1.5, 1e7, 1.234e-5, 0.001, 1433333.3333333333, NaN, Infinity, -1e21].map(formatDouble)).toEqual(
      ["1.0", "0.0", "-0.0", "1.5", "1.0E7", "1.234E-5", "0.001", "1433333.3333333333", "NaN", "Infinity", "-1.0E21"],
    );
  });
  test("timestamps keep non-zero fractions without trailing zeros", () => {
    expect(formatTimestamp(1_603_584_000_123_000n, "UTC")).toBe("2020-10-25 00:00:00.123");
    expect(formatTimestamp(1_603_584_000_000_000n, "Asia/Seoul")).toBe("2020-10-25 09:00:00");
    expect(formatTimestamp(-1n, "UTC")).toBe("1969-12-31 23:59:59.999999");
  });
});

describe("printSchema", () => {
  test("Spark's tree", () => {
    expect(schemaTreeString(parseDdl("k int, g string not null, v bigint, w double, t timestamp, d date, b boolean"))).toBe(
      "root\n" +
      " |-- k: integer (nullable = true)\n" +
      " |-- g: string (nullable = false)\n" +
      " |-- v: long (nullable = true)\n" +
      " |-- w: double (nullable = true)\n" +
      " |-- t: timestamp (nullable = true)\n" +
      " |-- d: date (nullable = true)\n" +
      " |-- b: boolean (nullable = true)\n",
    );
  });
});
