// Lowering snapshots for every expression kind: our expression → the Spark Connect Expression
// message as protobuf text (decoded from the encoded bytes).
import { describe, expect, it } from "vitest";
import { E, type Expr } from "@lgde/core";
import { exprText, lowerExpr } from "@lgde/executor-spark-connect";

const a = E.column("a");
const s = E.column("s");
const text = (e: Expr) => exprText(lowerExpr(e));

describe("lowering expressions", () => {
  it("attributes are quoted identifiers, so dots and backticks are not parsed", () => {
    expect(text(a)).toMatchInlineSnapshot(`"unresolved_attribute { unparsed_identifier: "\`a\`" }"`);
    expect(text(E.column("x.y`z"))).toMatchInlineSnapshot(`"unresolved_attribute { unparsed_identifier: "\`x.y\`\`z\`" }"`);
  });

  it("typed literals: int, long, double, string, boolean, date, timestamp, typed null", () => {
    expect(text(E.literal(5))).toMatchInlineSnapshot(`"literal { integer: 5 }"`);
    expect(text(E.literal(5, "int64"))).toMatchInlineSnapshot(`"literal { long: "5" }"`);
    expect(text(E.literal(9007199254740993n))).toMatchInlineSnapshot(`"literal { long: "9007199254740993" }"`);
    expect(text(E.literal(2.5))).toMatchInlineSnapshot(`"literal { double: 2.5 }"`);
    expect(text(E.literal("login"))).toMatchInlineSnapshot(`"literal { string: "login" }"`);
    expect(text(E.literal(true))).toMatchInlineSnapshot(`"literal { boolean: true }"`);
    expect(text(E.literal(new Date("2020-10-25T00:00:00Z"), "date"))).toMatchInlineSnapshot(`"literal { date: 18560 }"`);
    expect(text(E.literal(new Date("2020-10-25T05:32:30Z")))).toMatchInlineSnapshot(`"literal { timestamp: "1603603950000000" }"`);
    expect(text(E.literal(null, "int32"))).toMatchInlineSnapshot(`"literal { null { integer {} } }"`);
    expect(text(E.literal(null))).toMatchInlineSnapshot(`"literal { null { null {} } }"`);
  });

  it("arithmetic, comparison and logic by Spark's operator names; != as not(==)", () => {
    expect(text(E.binary("+", a, E.literal(1)))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "+"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
        arguments { literal { integer: 1 } }
      }"
    `);
    expect(text(E.binary("!=", a, E.literal(1)))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "not"
        arguments {
          unresolved_function {
            function_name: "=="
            arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
            arguments { literal { integer: 1 } }
          }
        }
      }"
    `);
    expect(text(E.binary("<=>", a, E.literal(null, "int32")))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "<=>"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
        arguments { literal { null { integer {} } } }
      }"
    `);
    const ops = (["+", "-", "*", "/", "%", "=", "<", "<=", ">", ">=", "<=>", "and", "or"] as const).map((op) => {
      const m = lowerExpr(E.binary(op, a, a)) as { unresolvedFunction: { functionName: string } };
      return `${op} → ${m.unresolvedFunction.functionName}`;
    });
    expect(ops).toMatchInlineSnapshot(`
      [
        "+ → +",
        "- → -",
        "* → *",
        "/ → /",
        "% → %",
        "= → ==",
        "< → <",
        "<= → <=",
        "> → >",
        ">= → >=",
        "<=> → <=>",
        "and → and",
        "or → or",
      ]
    `);
  });

  it("not, negate, is null, is not null, in", () => {
    expect(text(E.not(E.binary(">", a, E.literal(1))))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "not"
        arguments {
          unresolved_function {
            function_name: ">"
            arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
            arguments { literal { integer: 1 } }
          }
        }
      }"
    `);
    expect(text(E.negate(a))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "negative"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
      }"
    `);
    expect(text(E.isNull(a))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "isnull"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
      }"
    `);
    expect(text(E.isNull(a, true))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "isnotnull"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
      }"
    `);
    expect(text(E.in(a, [E.literal(1), E.literal(2)]))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "in"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
        arguments { literal { integer: 1 } }
        arguments { literal { integer: 2 } }
      }"
    `);
  });

  it("cast to each type", () => {
    expect(text(E.cast(s, "int64"))).toMatchInlineSnapshot(`"cast { expr { unresolved_attribute { unparsed_identifier: "\`s\`" } } type { long {} } }"`);
    const targets = (["int32", "int64", "float64", "utf8", "bool", "timestamp", "date", "null"] as const).map((t) => {
      const m = lowerExpr(E.cast(a, t)) as { cast: { type: object } };
      return `${t} → ${Object.keys(m.cast.type).join()}`;
    });
    expect(targets).toMatchInlineSnapshot(`
      [
        "int32 → integer",
        "int64 → long",
        "float64 → double",
        "utf8 → string",
        "bool → boolean",
        "timestamp → timestamp",
        "date → date",
        "null → null",
      ]
    `);
  });

  it("case when … otherwise as Spark's when(c1, v1, …, else)", () => {
    expect(text(E.caseWhen([{ when: E.binary(">", a, E.literal(1)), then: E.literal("big") }], E.literal("small")))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "when"
        arguments {
          unresolved_function {
            function_name: ">"
            arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
            arguments { literal { integer: 1 } }
          }
        }
        arguments { literal { string: "big" } }
        arguments { literal { string: "small" } }
      }"
    `);
    expect(text(E.caseWhen([{ when: E.isNull(a), then: E.literal(0) }], null))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "when"
        arguments {
          unresolved_function {
            function_name: "isnull"
            arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
          }
        }
        arguments { literal { integer: 0 } }
      }"
    `);
  });

  it("scalar functions by Spark's own names", () => {
    expect(text(E.call("from_unixtime", [a, E.literal("yyyyMMdd")]))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "from_unixtime"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
        arguments { literal { string: "yyyyMMdd" } }
      }"
    `);
    expect(text(E.call("substring", [s, E.literal(1), E.literal(3)]))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "substring"
        arguments { unresolved_attribute { unparsed_identifier: "\`s\`" } }
        arguments { literal { integer: 1 } }
        arguments { literal { integer: 3 } }
      }"
    `);
    const names = ([
      "coalesce", "concat", "lower", "upper", "trim", "length", "substring", "abs", "round",
      "from_unixtime", "unix_timestamp", "to_timestamp", "to_date", "date_format", "year", "month", "dayofmonth", "hour",
    ] as const).map((fn) => (lowerExpr(E.call(fn, [a])) as { unresolvedFunction: { functionName: string } }).unresolvedFunction.functionName);
    expect(names.join(" ")).toBe("coalesce concat lower upper trim length substring abs round from_unixtime unix_timestamp to_timestamp to_date date_format year month dayofmonth hour");
  });

  it("aggregates: count(*) as count(1), distinct, first with ignorenulls", () => {
    expect(text(E.aggregate("count", []))).toMatchInlineSnapshot(`"unresolved_function { function_name: "count" arguments { literal { integer: 1 } } }"`);
    expect(text(E.aggregate("count", [a], { distinct: true }))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "count"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
        is_distinct: true
      }"
    `);
    expect(text(E.aggregate("sum", [a]))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "sum"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
      }"
    `);
    expect(text(E.aggregate("first", [a], { ignoreNulls: true }))).toMatchInlineSnapshot(`
      "unresolved_function {
        function_name: "first"
        arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
        arguments { literal { boolean: true } }
      }"
    `);
    expect(["avg", "min", "max"].map((fn) => text(E.aggregate(fn as "avg", [a])).split("\n")[1])).toMatchInlineSnapshot(`
      [
        "  function_name: "avg"",
        "  function_name: "min"",
        "  function_name: "max"",
      ]
    `);
  });

  it("alias", () => {
    expect(text(E.alias(E.binary("+", a, E.literal(1)), "b"))).toMatchInlineSnapshot(`
      "alias {
        expr {
          unresolved_function {
            function_name: "+"
            arguments { unresolved_attribute { unparsed_identifier: "\`a\`" } }
            arguments { literal { integer: 1 } }
          }
        }
        name: "b"
      }"
    `);
  });
});
