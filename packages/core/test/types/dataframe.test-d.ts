// Type tests for the typed DataFrame API: row types flow, unknown columns do not compile.
import { describe, expectTypeOf, test } from "vitest";
import {
  Session, col, lit, when, count, countDistinct, sum, avg, min, max, first, lower, desc, asc, coalesce,
  type DataFrame, type DdlRow,
} from "../../src/index.js";

const spark = Session.builder().getOrCreate();
const df = spark.createDataFrame([], "k int, g string, v bigint, w double, t timestamp, b boolean not null");
type Row = { k: number | null; g: string | null; v: number | null; w: number | null; t: Date | null; b: boolean };

describe("DDL types", () => {
  test("createDataFrame parses the DDL string at the type level", () => {
    expectTypeOf(df).toEqualTypeOf<DataFrame<Row>>();
    expectTypeOf<DdlRow<"a INT, `b c` varchar(10),d date">>().toEqualTypeOf<{ a: number | null; "b c": string | null; d: Date | null }>();
    expectTypeOf<DdlRow<string>>().toEqualTypeOf<Record<string, unknown>>();
  });
  test("inferred rows keep their JS types", () => {
    const inferred = spark.createDataFrame([{ k: 1, g: "a", n: 5n, o: undefined as number | undefined }]);
    expectTypeOf(inferred).toEqualTypeOf<DataFrame<{ k: number; g: string; n: number; o: number | null }>>();
  });
  test("collect returns typed rows", () => {
    expectTypeOf(df.collect()).resolves.toEqualTypeOf<Row[]>();
    expectTypeOf(df.first()).resolves.toEqualTypeOf<Row | undefined>();
    expectTypeOf(df.count()).resolves.toEqualTypeOf<number>();
  });
  test("explain is asynchronous: an executor may ask a server for its plan", () => {
    expectTypeOf(df.explain()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(df.explainString("simple")).toEqualTypeOf<Promise<string>>();
  });
});

describe("select and columns", () => {
  test("select by name picks", () => {
    expectTypeOf(df.select("k", "g")).toEqualTypeOf<DataFrame<{ k: number | null; g: string | null }>>();
  });
  test("select with Columns: names and values flow", () => {
    const out = df.select(col("k"), col("g").as("name"), col("v").plus(1).as("v1"), lit(3).as("three"));
    expectTypeOf(out).toEqualTypeOf<DataFrame<{ k: number | null; name: string | null; v1: number | null; three: number }>>();
  });
  test("unaliased expressions get Spark's automatic names", () => {
    expectTypeOf(df.select(col("k").plus(1))).toEqualTypeOf<DataFrame<{ "(k + 1)": number | null }>>();
    expectTypeOf(df.select(lower("g"))).toEqualTypeOf<DataFrame<{ "lower(g)": string | null }>>();
  });
  test("unknown names do not compile", () => {
    // @ts-expect-error "nope" is not a column
    df.select("nope");
    // @ts-expect-error "nope" is not a column
    df.where(col("nope").gt(1));
    // @ts-expect-error "nope" is not a column, even inside an expression
    df.where(col("k").gt(1).and(col("nope").isNull()));
    // @ts-expect-error unknown column in withColumn
    df.withColumn("x", col("nope"));
    // @ts-expect-error unknown column in drop
    df.drop("nope");
    // @ts-expect-error unknown column in orderBy
    df.orderBy(desc("nope"));
    // @ts-expect-error unknown column in groupBy
    df.groupBy("nope");
    // @ts-expect-error unknown column in an aggregate
    df.groupBy("g").agg(sum("nope"));
  });
  test("open records accept any name", () => {
    const open = null as unknown as DataFrame<Record<string, unknown>>;
    expectTypeOf(open.select("anything")).toEqualTypeOf<DataFrame<{ anything: unknown }>>();
    expectTypeOf(open.where(col("x").gt(1))).toEqualTypeOf<DataFrame<Record<string, unknown>>>();
  });
  test("columns lists names", () => {
    expectTypeOf(df.columns).toEqualTypeOf<("k" | "g" | "v" | "w" | "t" | "b")[]>();
  });
});

describe("row-changing transformations", () => {
  test("withColumn adds or replaces", () => {
    expectTypeOf(df.select("k").withColumn("x", col("k").gt(1))).toEqualTypeOf<DataFrame<{ k: number | null; x: boolean | null }>>();
    expectTypeOf(df.select("k", "g").withColumn("k", lit("s"))).toEqualTypeOf<DataFrame<{ g: string | null; k: string }>>();
    expectTypeOf(df.select("k").withColumn("x", when(col("k").gt(1), "big").otherwise("small")))
      .toEqualTypeOf<DataFrame<{ k: number | null; x: string }>>();
    expectTypeOf(df.select("k").withColumn("x", coalesce("k", lit(0))))
      .toEqualTypeOf<DataFrame<{ k: number | null; x: number | null }>>();
  });
  test("withColumnRenamed and drop", () => {
    expectTypeOf(df.select("k", "g").withColumnRenamed("k", "key")).toEqualTypeOf<DataFrame<{ g: string | null; key: number | null }>>();
    expectTypeOf(df.select("k", "g").drop("g")).toEqualTypeOf<DataFrame<{ k: number | null }>>();
  });
  test("groupBy/agg types keys and aggregates", () => {
    const g = df.groupBy("g").agg(count("*").as("n"), sum("v").as("s"), max("w").as("m"), first("t", true).as("f"));
    expectTypeOf(g).toEqualTypeOf<DataFrame<{ g: string | null; n: number; s: number | null; m: number | null; f: Date | null }>>();
    expectTypeOf(df.groupBy("g").count()).toEqualTypeOf<DataFrame<{ g: string | null; count: number }>>();
    expectTypeOf(df.groupBy("g").sum("v")).toEqualTypeOf<DataFrame<{ g: string | null; "sum(v)": number | null }>>();
    expectTypeOf(df.groupBy("g").min("t")).toEqualTypeOf<DataFrame<{ g: string | null; "min(t)": Date | null }>>();
    expectTypeOf(df.agg(countDistinct("g").as("n"))).toEqualTypeOf<DataFrame<{ n: number }>>();
    expectTypeOf(df.agg(count("*"))).toEqualTypeOf<DataFrame<{ "count(1)": number }>>();
    expectTypeOf(df.agg(avg("w"), min("k"))).toEqualTypeOf<DataFrame<{ "avg(w)": number | null; "min(k)": number | null }>>();
  });
  test("joins type both sides; the outer side becomes nullable", () => {
    const a = spark.createDataFrame([], "a_uid int not null, a_n bigint not null");
    const p = spark.createDataFrame([], "p_uid int not null, p_amount int not null");
    expectTypeOf(a.join(p, col("a_uid").eq(col("p_uid")), "left"))
      .toEqualTypeOf<DataFrame<{ a_uid: number; a_n: number; p_uid: number | null; p_amount: number | null }>>();
    expectTypeOf(a.join(p, col("a_uid").eq(col("p_uid")), "left_semi")).toEqualTypeOf<DataFrame<{ a_uid: number; a_n: number }>>();
    const b = spark.createDataFrame([], "a_uid int not null, x string not null");
    expectTypeOf(a.join(b, "a_uid", "full"))
      .toEqualTypeOf<DataFrame<{ a_uid: number; a_n: number | null; x: string | null }>>();
    // @ts-expect-error the key must exist on both sides
    a.join(p, "a_uid");
    // @ts-expect-error unknown column in the condition
    a.join(p, col("a_uid").eq(col("nope")));
  });
  test("na.fill with a record removes null from the filled columns", () => {
    expectTypeOf(df.select("k", "g").na.fill({ k: 0 })).toEqualTypeOf<DataFrame<{ g: string | null; k: number }>>();
    // @ts-expect-error unknown column in na.fill
    df.na.fill({ nope: 0 });
  });
  test("sorting accepts names, Columns and sort keys", () => {
    expectTypeOf(df.orderBy("k", desc("g"), col("v").asc(), asc("w"))).toEqualTypeOf<DataFrame<Row>>();
  });
});
