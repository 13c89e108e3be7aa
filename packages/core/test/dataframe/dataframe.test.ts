import { describe, expect, test } from "vitest";
import {
  AnalysisError, E, Session, col, count, desc, explainLogical, field, lit, sum, type DataFrame, type LogicalPlan,
} from "../../src/index.js";
import { FakeExecutor } from "../support/fake-executor.js";

const executor = new FakeExecutor();
const spark = Session.builder().timeZone("UTC").executor(executor).getOrCreate();
const df = spark.createDataFrame(
  [{ k: 1, g: "a", v: 10 }, { k: 2, g: "b", v: null }, { k: 3, g: null, v: 30 }],
  "k int, g string, v bigint",
);
const open = df as unknown as DataFrame<Record<string, unknown>>;

function input(plan: LogicalPlan): LogicalPlan {
  return (plan as { input: LogicalPlan }).input;
}

describe("plans", () => {
  test("select builds a projection with Spark's names", () => {
    const out = df.select("k", col("v").plus(1), col("g").as("name"), col("k").cast("bigint"));
    expect(out.plan.kind).toBe("project");
    expect(out.columns).toEqual(["k", "(v + 1)", "name", "k"]);
    expect(out.schema.fields[3]).toEqual(field("k", "int64", true));
    expect(input(out.plan)).toBe(df.plan);
  });
  test("withColumn replaces in place or appends", () => {
    expect(df.withColumn("g", lit(1)).columns).toEqual(["k", "g", "v"]);
    expect(df.withColumn("g", lit(1)).schema.fields[1]!.type).toBe("int32");
    expect(df.withColumn("x", col("k").gt(1)).columns).toEqual(["k", "g", "v", "x"]);
  });
  test("withColumnRenamed, drop", () => {
    expect(df.withColumnRenamed("k", "key").columns).toEqual(["key", "g", "v"]);
    expect(df.drop("g", "v").columns).toEqual(["k"]);
  });
  test("unknown columns are AnalysisErrors naming the column and listing those that exist", () => {
    expect(() => open.select("nope")).toThrow(AnalysisError);
    expect(() => open.select("nope")).toThrow(/nope.*k, g, v/);
    expect(() => open.where(col("nope").gt(1))).toThrow(/nope.*k, g, v/);
    expect(() => open.drop("nope")).toThrow(/nope.*k, g, v/);
    expect(() => open.withColumnRenamed("nope", "x")).toThrow(/nope.*k, g, v/);
    expect(() => open.groupBy("g").agg(sum("nope"))).toThrow(/nope/);
    expect(() => open.orderBy(desc("nope"))).toThrow(/nope/);
    expect(() => open.write.partitionBy("nope")).toThrow(/nope/);
  });
  test("where/filter", () => {
    const f = df.where(col("k").gt(1));
    expect(f.plan).toMatchObject({ kind: "filter", predicate: E.binary(">", E.column("k"), E.literal(1)) });
    expect(df.filter(col("k").gt(1)).plan).toEqual(f.plan);
  });
  test("groupBy/agg and shorthands", () => {
    expect(df.groupBy("g").agg(count("*").as("n"), sum("v")).columns).toEqual(["g", "n", "sum(v)"]);
    expect(df.groupBy("g").count().columns).toEqual(["g", "count"]);
    expect(df.groupBy("g").count().schema.fields[1]).toEqual(field("count", "int64", false));
    expect(df.groupBy("g").sum("v", "k").columns).toEqual(["g", "sum(v)", "sum(k)"]);
    expect(df.groupBy("g").sum().columns).toEqual(["g", "sum(k)", "sum(v)"]);
    expect(df.groupBy("g").avg("v").columns).toEqual(["g", "avg(v)"]);
    expect(df.groupBy("g").min("v").columns).toEqual(["g", "min(v)"]);
    expect(df.groupBy("g").max("v").columns).toEqual(["g", "max(v)"]);
    expect(df.agg(count("*")).columns).toEqual(["count(1)"]);
    expect(() => open.groupBy("g").sum("g")).toThrow(/sum\("g"\): column "g" is string, not numeric/);
  });
  test("join accepts Spark's type aliases", () => {
    const other = spark.createDataFrame([{ k: 1, x: "x" }], "k int, x string");
    const cases: [string, string][] = [
      ["inner", "inner"], ["left_outer", "left"], ["leftouter", "left"], ["right_outer", "right"], ["outer", "full"],
      ["full_outer", "full"], ["left_semi", "semi"], ["leftsemi", "semi"], ["left_anti", "anti"], ["leftanti", "anti"],
    ];
    for (const [how, expected] of cases) expect(df.join(other, "k", how as never).plan).toMatchObject({ kind: "join", how: expected, using: ["k"] });
    expect(df.join(other, "k").columns).toEqual(["k", "g", "v", "x"]);
    expect(df.join(other, ["k"], "left_semi").columns).toEqual(["k", "g", "v"]);
    const renamed = other.withColumnRenamed("k", "k2");
    expect(df.join(renamed, col("k").eq(col("k2")), "full").plan).toMatchObject({ how: "full", using: [] });
    expect(df.crossJoin(renamed).plan).toMatchObject({ how: "cross", on: null });
    expect(() => df.join(other, "k", "sideways" as never)).toThrow(/unsupported join type "sideways"; supported: inner/);
  });
  test("union, unionByName reorders by name, subtract", () => {
    const other = spark.createDataFrame([{ v: 1, g: "z", k: 9 }], "v bigint, g string, k int");
    expect(df.union(other as never).columns).toEqual(["k", "g", "v"]);
    expect(() => df.union(df.select("k") as never)).toThrow(AnalysisError);
    const u = df.unionByName(other);
    expect(u.columns).toEqual(["k", "g", "v"]);
    const right = (u.plan as { inputs: LogicalPlan[] }).inputs[1]!;
    expect(right).toMatchObject({ kind: "project", exprs: [E.column("k"), E.column("g"), E.column("v")] });
    const missing = spark.createDataFrame([{ k: 1, w: 2 }], "k int, w int");
    expect(() => df.unionByName(missing)).toThrow(/right side has no column\(s\) g, v.*left side has no column\(s\) w/);
    expect(df.unionByName(missing, true).columns).toEqual(["k", "g", "v", "w"]);
    expect(df.subtract(df).plan.kind).toBe("except");
  });
  test("orderBy accepts names, Columns and sort keys", () => {
    const s = df.orderBy("k", desc("g"), col("v").asc(), col("v").descNullsFirst());
    expect((s.plan as { orders: unknown[] }).orders).toEqual([
      { expr: E.column("k"), ascending: true, nullsFirst: true },
      { expr: E.column("g"), ascending: false, nullsFirst: false },
      { expr: E.column("v"), ascending: true, nullsFirst: true },
      { expr: E.column("v"), ascending: false, nullsFirst: true },
    ]);
    expect(df.sort("k").plan).toEqual(df.orderBy("k").plan);
  });
  test("distinct, dropDuplicates, limit", () => {
    expect(df.distinct().plan).toMatchObject({ kind: "distinct", columns: null });
    expect(df.dropDuplicates(["g"]).plan).toMatchObject({ kind: "distinct", columns: ["g"] });
    expect(df.limit(2).plan).toMatchObject({ kind: "limit", n: 2 });
  });
  test("dtypes, schemaString", () => {
    expect(df.dtypes).toEqual([["k", "int"], ["g", "string"], ["v", "bigint"]]);
    expect(df.schemaString()).toBe("root\n |-- k: integer (nullable = true)\n |-- g: string (nullable = true)\n |-- v: long (nullable = true)\n");
  });
});

describe("na", () => {
  const t = spark.createDataFrame([], "i int, l bigint, d double, s string, b boolean");
  const filled = (plan: LogicalPlan) => (plan as { exprs: { kind: string }[] }).exprs.map((e) => e.kind === "alias");
  test("a number fills numeric columns only, cast to each column's type", () => {
    const f = t.na.fill(1.5);
    expect(filled(f.plan)).toEqual([true, true, true, false, false]);
    expect(f.schema.fields.map((x) => x.nullable)).toEqual([false, false, false, true, true]);
    expect(f.schema.fields.map((x) => x.type)).toEqual(["int32", "int64", "float64", "utf8", "bool"]);
    expect(explainLogical(f.plan)).toContain("coalesce(i, CAST(1.5 AS INT32)) AS i");
  });
  test("strings fill strings, booleans fill booleans, subset restricts", () => {
    expect(filled(t.na.fill("x").plan)).toEqual([false, false, false, true, false]);
    expect(filled(t.na.fill(true).plan)).toEqual([false, false, false, false, true]);
    expect(filled(t.na.fill(0, ["l"]).plan)).toEqual([false, true, false, false, false]);
    expect(() => t.na.fill(0, ["nope" as never])).toThrow(/na.fill: .*nope/);
  });
  test("a record fills per column; a mismatched type is an error naming it", () => {
    expect(filled(t.na.fill({ i: 0, s: "?" }).plan)).toEqual([true, false, false, true, false]);
    expect(() => t.na.fill({ s: 0 })).toThrow(/column "s" is string and cannot be filled with number 0/);
  });
  test("drop builds a null filter", () => {
    expect(explainLogical(t.na.drop().plan).split("\n")[0]).toBe(
      "Filter (((((i IS NOT NULL) AND (l IS NOT NULL)) AND (d IS NOT NULL)) AND (s IS NOT NULL)) AND (b IS NOT NULL))",
    );
    expect(explainLogical(t.na.drop("all", ["i", "s"]).plan).split("\n")[0]).toBe("Filter ((i IS NOT NULL) OR (s IS NOT NULL))");
    expect(explainLogical(t.na.drop({ thresh: 2, subset: ["i", "s"] }).plan).split("\n")[0])
      .toBe("Filter ((CAST((i IS NOT NULL) AS INT32) + CAST((s IS NOT NULL) AS INT32)) >= 2)");
  });
});

describe("actions through an executor", () => {
  test("collect returns rows; the executor gets the optimized plan and the session context", async () => {
    expect(await df.collect()).toEqual([{ k: 1, g: "a", v: 10 }, { k: 2, g: "b", v: null }, { k: 3, g: null, v: 30 }]);
    const ctx = executor.contexts.at(-1)!;
    expect(ctx.timeZone).toBe("UTC");
    expect(ctx.batchSize).toBe(32768);
  });
  test("count, first, take, toArrow", async () => {
    expect(await df.count()).toBe(3);
    expect(await df.first()).toEqual({ k: 1, g: "a", v: 10 });
    expect(await df.take(2)).toHaveLength(2);
    expect(await df.limit(0).first()).toBeUndefined();
    const table = await df.toArrow();
    expect(table.numRows).toBe(3);
    expect(table.getChild("v")!.get(0)).toBe(10n);
  });
  test("showString like Spark", async () => {
    expect(await df.select("k", "g").showString(2)).toBe(
      "+---+---+\n|  k|  g|\n+---+---+\n|  1|  a|\n|  2|  b|\n+---+---+\nonly showing top 2 rows\n",
    );
  });
  test("int64 beyond 2^53 fails collect naming the column; toArrow keeps it", async () => {
    const big = spark.createDataFrame([{ id: 2n ** 62n }], "id bigint");
    await expect(big.collect()).rejects.toThrow(/column "id".*beyond 2\^53/);
    expect((await big.toArrow()).getChild("id")!.get(0)).toBe(2n ** 62n);
  });
  test("explain prints parsed, optimized and physical plans", async () => {
    const text = await df.select("k").explainString();
    expect(text).toMatch(/^== Parsed Logical Plan ==\nProject \[k\]\n\+- LocalRelation \[k, g, v\], 3 rows\n\n== Optimized Logical Plan ==\n[\s\S]*\n\n== Physical Plan ==\nFakeExec /);
    expect(await df.explainString("simple")).toMatch(/^== Physical Plan ==\nFakeExec/);
  });
});
