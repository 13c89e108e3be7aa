import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DATA_TYPES, field, parseDdl, schema, schemaToDdl } from "../../src/index.js";

describe("parseDdl", () => {
  test("reads Spark type names, case-insensitively, with NOT NULL and back-quoted names", () => {
    const s = parseDdl("k int, g STRING, v bigint not null, w double, t timestamp, d date, b boolean, `a b` varchar(10), l long, f float");
    expect(s.fields).toEqual([
      field("k", "int32"), field("g", "utf8"), field("v", "int64", false), field("w", "float64"),
      field("t", "timestamp"), field("d", "date"), field("b", "bool"), field("a b", "utf8"), field("l", "int64"), field("f", "float64"),
    ]);
  });
  test("accepts a colon between name and type, and comments", () => {
    expect(parseDdl("a: int COMMENT 'the a', b:string").fields).toEqual([field("a", "int32"), field("b", "utf8")]);
  });
  test("an empty string is an empty schema", () => {
    expect(parseDdl("  ").fields).toEqual([]);
  });
  test("errors name the column and list supported types", () => {
    expect(() => parseDdl("a int, b decimal(10,2)")).toThrow(/column "b".*unsupported type "decimal\(10,2\)".*supported: tinyint/);
    expect(() => parseDdl("a int, b")).toThrow(/column "b" has no type/);
    expect(() => parseDdl("a int, a string")).toThrow(/column "a" appears twice/);
  });
  test("schemaToDdl round-trips through parseDdl", () => {
    const name = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/), fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/[,()]/.test(s)));
    const fields = fc.uniqueArray(fc.tuple(name, fc.constantFrom(...DATA_TYPES), fc.boolean()), { selector: (f) => f[0], maxLength: 6 });
    fc.assert(fc.property(fields, (fs) => {
      const s = schema(fs.map(([n, t, nullable]) => field(n, t, nullable)));
      expect(parseDdl(schemaToDdl(s))).toEqual(s);
    }));
  });
});
