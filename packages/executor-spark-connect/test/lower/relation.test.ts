// Lowering snapshots for every plan node: our logical plan → the Spark Connect Relation as
// protobuf text (decoded from the encoded bytes), and errors that name what cannot be lowered.
import { describe, expect, it } from "vitest";
import {
  Aggregate, Distinct, E, Except, Filter, Join, Limit, Project, Scan, Sort, Union, Values,
  AnalysisError, field, rowsToBatches, schema, type LogicalPlan, type SourceRef,
} from "@lgde/core";
import { lowerPlan, relationText, SparkLoweringError } from "@lgde/executor-spark-connect";

const people = schema([field("k", "int32"), field("name", "utf8"), field("t", "timestamp")]);
const values = Values.create(
  rowsToBatches([{ k: 1, name: "a", t: new Date("2020-10-25T00:00:00Z") }, { k: 2, name: null, t: null }], people),
  people,
);
const other = (() => {
  const s = schema([field("k", "int32"), field("v", "int64")]);
  return Values.create(rowsToBatches([{ k: 1, v: 10 }], s), s);
})();
const k = E.column("k");
const text = (p: LogicalPlan) => relationText(lowerPlan(p));

function fileSource(format: string, options: SourceRef["options"]): SourceRef {
  return { format, options, schema: schema([field("a_time", "int64"), field("a_uid", "int32"), field("a_id", "utf8")]), description: `${format} /data/access` };
}

describe("lowering plan nodes", () => {
  it("createDataFrame → LocalRelation (an Arrow IPC stream with our schema)", () => {
    expect(text(values)).toMatchInlineSnapshot(`
      "local_relation {
        data: <Arrow IPC stream: 2 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
      }"
    `);
    expect(text(Values.create([], people))).toMatchInlineSnapshot(`
      "local_relation {
        data: <Arrow IPC stream: 0 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
      }"
    `);
  });

  it("scan of parquet, json and csv → Read.DataSource with paths, reader options and our schema as DDL", () => {
    expect(text(Scan.create(fileSource("parquet", { path: "/data/access" })))).toMatchInlineSnapshot(`
      "read {
        data_source {
          format: "parquet"
          schema: "\`a_time\` BIGINT, \`a_uid\` INT, \`a_id\` STRING"
          paths: "/data/access"
        }
      }"
    `);
    expect(text(Scan.create(fileSource("json", { path: ["/data/a.json", "/data/b.json"] })))).toMatchInlineSnapshot(`
      "read {
        data_source {
          format: "json"
          schema: "\`a_time\` BIGINT, \`a_uid\` INT, \`a_id\` STRING"
          paths: "/data/a.json"
          paths: "/data/b.json"
        }
      }"
    `);
    expect(text(Scan.create(fileSource("csv", { path: "/data/access.csv", header: true, sep: ",", inferSchema: true })))).toMatchInlineSnapshot(`
      "read {
        data_source {
          format: "csv"
          schema: "\`a_time\` BIGINT, \`a_uid\` INT, \`a_id\` STRING"
          options { key: "header" value: "true" }
          options { key: "sep" value: "," }
          paths: "/data/access.csv"
        }
      }"
    `);
  });

  it("a scan's pushed filters and projection become Filter and Project over the Read", () => {
    const scan = Scan.create(fileSource("parquet", { path: "/data/access" }), ["a_uid"], [E.binary("=", E.column("a_id"), E.literal("login"))]);
    expect(text(scan)).toMatchInlineSnapshot(`
      "project {
        input {
          filter {
            input {
              read {
                data_source {
                  format: "parquet"
                  schema: "\`a_time\` BIGINT, \`a_uid\` INT, \`a_id\` STRING"
                  paths: "/data/access"
                }
              }
            }
            condition {
              unresolved_function {
                function_name: "=="
                arguments { unresolved_attribute { unparsed_identifier: "\`a_id\`" } }
                arguments { literal { string: "login" } }
              }
            }
          }
        }
        expressions { unresolved_attribute { unparsed_identifier: "\`a_uid\`" } }
      }"
    `);
  });

  it("project names every computed output as our schema does", () => {
    expect(text(Project.create(values, [k, E.alias(E.column("name"), "n"), E.binary("*", k, E.literal(2))]))).toMatchInlineSnapshot(`
      "project {
        input {
          local_relation {
            data: <Arrow IPC stream: 2 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
          }
        }
        expressions { unresolved_attribute { unparsed_identifier: "\`k\`" } }
        expressions { alias { expr { unresolved_attribute { unparsed_identifier: "\`name\`" } } name: "n" } }
        expressions {
          alias {
            expr {
              unresolved_function {
                function_name: "*"
                arguments { unresolved_attribute { unparsed_identifier: "\`k\`" } }
                arguments { literal { integer: 2 } }
              }
            }
            name: "(k * 2)"
          }
        }
      }"
    `);
  });

  it("filter", () => {
    expect(text(Filter.create(values, E.binary(">", k, E.literal(1))))).toMatchInlineSnapshot(`
      "filter {
        input {
          local_relation {
            data: <Arrow IPC stream: 2 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
          }
        }
        condition {
          unresolved_function {
            function_name: ">"
            arguments { unresolved_attribute { unparsed_identifier: "\`k\`" } }
            arguments { literal { integer: 1 } }
          }
        }
      }"
    `);
  });

  it("aggregate with and without keys", () => {
    expect(text(Aggregate.create(values, [E.column("name")], [E.alias(E.aggregate("count", []), "n")]))).toMatchInlineSnapshot(`
      "aggregate {
        input {
          local_relation {
            data: <Arrow IPC stream: 2 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
          }
        }
        group_type: GROUP_TYPE_GROUPBY
        grouping_expressions { unresolved_attribute { unparsed_identifier: "\`name\`" } }
        aggregate_expressions {
          alias {
            expr { unresolved_function { function_name: "count" arguments { literal { integer: 1 } } } }
            name: "n"
          }
        }
      }"
    `);
    expect(text(Aggregate.create(values, [], [E.aggregate("sum", [k])]))).toMatchInlineSnapshot(`
      "aggregate {
        input {
          local_relation {
            data: <Arrow IPC stream: 2 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
          }
        }
        group_type: GROUP_TYPE_GROUPBY
        aggregate_expressions {
          alias {
            expr {
              unresolved_function {
                function_name: "sum"
                arguments { unresolved_attribute { unparsed_identifier: "\`k\`" } }
              }
            }
            name: "sum(k)"
          }
        }
      }"
    `);
  });

  it("join: using-columns, a condition, and every join type", () => {
    expect(text(Join.create(values, other, "left", null, ["k"]))).toMatchInlineSnapshot(`
      "join {
        left {
          local_relation {
            data: <Arrow IPC stream: 2 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
          }
        }
        right { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
        join_type: JOIN_TYPE_LEFT_OUTER
        using_columns: "k"
      }"
    `);
    const renamed = Project.create(other, [E.alias(k, "k2"), E.column("v")]);
    expect(text(Join.create(values, renamed, "inner", E.binary("=", k, E.column("k2"))))).toMatchInlineSnapshot(`
      "join {
        left {
          local_relation {
            data: <Arrow IPC stream: 2 rows; k: Int32, name: Utf8, t: Timestamp<MICROSECOND, UTC>>
          }
        }
        right {
          project {
            input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
            expressions {
              alias { expr { unresolved_attribute { unparsed_identifier: "\`k\`" } } name: "k2" }
            }
            expressions { unresolved_attribute { unparsed_identifier: "\`v\`" } }
          }
        }
        join_condition {
          unresolved_function {
            function_name: "=="
            arguments { unresolved_attribute { unparsed_identifier: "\`k\`" } }
            arguments { unresolved_attribute { unparsed_identifier: "\`k2\`" } }
          }
        }
        join_type: JOIN_TYPE_INNER
      }"
    `);
    const types = (["inner", "left", "right", "full", "semi", "anti", "cross"] as const).map((how) => {
      const m = lowerPlan(Join.create(values, other, how, null, how === "cross" ? [] : ["k"])) as { join: { joinType: string } };
      return `${how} → ${m.join.joinType}`;
    });
    expect(types).toMatchInlineSnapshot(`
      [
        "inner → JOIN_TYPE_INNER",
        "left → JOIN_TYPE_LEFT_OUTER",
        "right → JOIN_TYPE_RIGHT_OUTER",
        "full → JOIN_TYPE_FULL_OUTER",
        "semi → JOIN_TYPE_LEFT_SEMI",
        "anti → JOIN_TYPE_LEFT_ANTI",
        "cross → JOIN_TYPE_CROSS",
      ]
    `);
  });

  it("distinct and dropDuplicates → Deduplicate", () => {
    expect(text(Distinct.create(other))).toMatchInlineSnapshot(`
      "deduplicate {
        input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
        all_columns_as_keys: true
      }"
    `);
    expect(text(Distinct.create(other, ["k"]))).toMatchInlineSnapshot(`
      "deduplicate {
        input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
        column_names: "k"
      }"
    `);
  });

  it("union (n-ary, by position) and subtract → SetOperation", () => {
    expect(text(Union.create([other, other, other]))).toMatchInlineSnapshot(`
      "set_op {
        left_input {
          set_op {
            left_input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
            right_input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
            set_op_type: SET_OP_TYPE_UNION
            is_all: true
            by_name: false
          }
        }
        right_input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
        set_op_type: SET_OP_TYPE_UNION
        is_all: true
        by_name: false
      }"
    `);
    expect(text(Except.create(other, other))).toMatchInlineSnapshot(`
      "set_op {
        left_input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
        right_input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
        set_op_type: SET_OP_TYPE_EXCEPT
        is_all: false
        by_name: false
      }"
    `);
  });

  it("sort with directions and null orderings, and limit", () => {
    const sorted = Sort.create(other, [
      { expr: k, ascending: true, nullsFirst: true },
      { expr: E.column("v"), ascending: false, nullsFirst: false },
    ]);
    expect(text(sorted)).toMatchInlineSnapshot(`
      "sort {
        input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } }
        order {
          child { unresolved_attribute { unparsed_identifier: "\`k\`" } }
          direction: SORT_DIRECTION_ASCENDING
          null_ordering: SORT_NULLS_FIRST
        }
        order {
          child { unresolved_attribute { unparsed_identifier: "\`v\`" } }
          direction: SORT_DIRECTION_DESCENDING
          null_ordering: SORT_NULLS_LAST
        }
        is_global: true
      }"
    `);
    expect(text(Limit.create(other, 3))).toMatchInlineSnapshot(`"limit { input { local_relation { data: <Arrow IPC stream: 1 rows; k: Int32, v: Int64> } } limit: 3 }"`);
  });

  it("what cannot be lowered is an AnalysisError naming the node, never a wrong answer", () => {
    const mysql: SourceRef = { format: "mysql", options: { url: "mysql://127.0.0.1/testdb", table: "user" }, schema: people, description: "mysql testdb.user" };
    expect(() => lowerPlan(Scan.create(mysql))).toThrow(SparkLoweringError);
    expect(() => lowerPlan(Scan.create(mysql))).toThrow(/scan mysql testdb\.user.*format "mysql"/);
    expect(() => lowerPlan(Scan.create(mysql))).toThrow(AnalysisError);
    const numbered = fileSource("csv", { path: "/data/access.csv", lineNumberColumn: "line" });
    expect(() => lowerPlan(Scan.create(numbered))).toThrow(/scan csv \/data\/access on Spark: option "lineNumberColumn" has no Spark equivalent/);
    expect(() => lowerPlan(Limit.create(other, 2 ** 31))).toThrow(/limit 2147483648/);
  });
});
