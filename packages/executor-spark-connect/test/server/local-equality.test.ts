// A range of DataFrame methods give the same rows on Spark (sparkConnect) as on local(), on the
// same data with nulls. Results are compared in order where the program sorts, else as multisets.
import { afterAll, expect, it } from "vitest";
import {
  Session, abs, avg, coalesce, col, concat, count, countDistinct, dateFormat, dayofmonth, desc, first, hour, length, lit,
  lower, max, min, month, round, substring, sum, toDate, trim, unixTimestamp, upper, when, year, type DataFrame,
} from "@lgde/core";
import { local } from "@lgde/executor-local";
import { sparkConnect } from "@lgde/executor-spark-connect";
import { describeSpark, SPARK_URL } from "./spark.js";

const ROWS = [
  { id: 1, g: "a", v: 10, x: 1.5, s: " Alpha ", t: new Date("2020-10-25T00:10:00Z"), ok: true },
  { id: 2, g: "b", v: null, x: -2.25, s: "beta", t: new Date("2020-10-25T15:30:00Z"), ok: false },
  { id: 3, g: "a", v: 30, x: null, s: null, t: null, ok: null },
  { id: 4, g: null, v: 40, x: 4.0, s: "Gamma", t: new Date("2020-12-31T23:59:59Z"), ok: true },
  { id: 5, g: "b", v: 50, x: 0.5, s: "delta", t: new Date("2021-01-01T00:00:00Z"), ok: true },
];
const DDL = "id int, g string, v bigint, x double, s string, t timestamp, ok boolean";
const OTHER = [{ g: "a", label: "first" }, { g: "c", label: "third" }, { g: null, label: "none" }];

type Program = (input: DataFrame<Record<string, unknown>>, other: DataFrame<Record<string, unknown>>) => DataFrame<Record<string, unknown>>;

const CASES: readonly { name: string; ordered?: boolean; program: Program }[] = [
  { name: "select, withColumn, arithmetic and cast", program: (d) => d.select(col("id"), col("v").plus(col("id")).as("w"), col("x").multiply(2).as("x2"), col("v").divide(4).as("q"), col("id").mod(2).as("m"), col("x").cast("int").as("xi"), col("id").cast("string").as("ids")) },
  { name: "where with three-valued logic, isin, isNull", program: (d) => d.where(col("v").gt(15).or(col("ok").isNull()).and(col("id").isin(1, 2, 3, 4))) },
  { name: "string functions", program: (d) => d.select(col("id"), upper(col("s")).as("u"), lower(col("s")).as("l"), trim(col("s")).as("tr"), length(col("s")).as("n"), substring(col("s"), 2, 3).as("sub"), concat(col("g"), lit("-"), col("s")).as("c"), coalesce(col("s"), col("g"), lit("?")).as("co")) },
  { name: "math and when/otherwise", program: (d) => d.select(col("id"), abs(col("x")).as("ax"), round(col("x"), 1).as("rx"), when(col("v").gt(30), "big").when(col("v").isNull(), "none").otherwise("small").as("size")) },
  { name: "date and time functions in the session zone", program: (d) => d.select(col("id"), dateFormat(col("t"), "yyyy-MM-dd HH:mm").as("f"), year(col("t")).as("y"), month(col("t")).as("mo"), dayofmonth(col("t")).as("d"), hour(col("t")).as("h"), toDate(col("t")).as("day"), unixTimestamp(dateFormat(col("t"), "yyyy-MM-dd HH:mm:ss"), "yyyy-MM-dd HH:mm:ss").as("u")) },
  { name: "groupBy/agg with nulls", program: (d) => d.groupBy("g").agg(count("*").as("n"), count("v").as("nv"), sum("v").as("sv"), avg("x").as("ax"), min("s").as("mn"), max("t").as("mx"), countDistinct("ok").as("dk")) },
  { name: "global aggregate", program: (d) => d.agg(sum("v").as("s"), first("s", true).as("f"), count("*").as("n")) },
  { name: "joins on a column name: inner, left, full", program: (d, o) => d.join(o, "g").select("g", "id", "label").union(d.join(o, "g", "left").select("g", "id", "label")).union(d.join(o, "g", "full").select("g", "id", "label")) },
  { name: "join on a condition, semi and anti", program: (d, o) => d.join(o.withColumnRenamed("g", "og"), col("g").equalTo(col("og")), "right").select("id", "og", "label").union(d.join(o, "g", "semi").select(col("id"), col("g"), col("s"))).union(d.join(o, "g", "anti").select(col("id"), col("g"), col("s"))) },
  { name: "distinct, dropDuplicates on all columns, subtract, unionByName", program: (d) => d.select("g", "ok").distinct().union(d.select("g", "ok").dropDuplicates()).subtract(d.where(col("id").equalTo(5)).select("g", "ok")).unionByName(d.select(col("ok"), col("g"))) },
  { name: "na.fill and na.drop", program: (d) => d.na.fill({ v: 0, s: "-" }).na.drop() },
  { name: "orderBy with nulls and desc, then limit", ordered: true, program: (d) => d.orderBy(col("g"), desc("v")).limit(4) },
  { name: "crossJoin and orderBy on several keys", ordered: true, program: (d, o) => d.select("id").crossJoin(o.select("label")).orderBy("id", "label") },
];

describeSpark("the same rows on Spark as on local()", () => {
  const onLocal = Session.builder().timeZone("Asia/Seoul").executor(local()).getOrCreate();
  const onSpark = Session.builder().timeZone("Asia/Seoul").executor(sparkConnect(SPARK_URL)).getOrCreate();
  afterAll(async () => { await onLocal.stop(); await onSpark.stop(); });

  const frames = (s: Session) => [s.createDataFrame(ROWS, DDL), s.createDataFrame(OTHER, "g string, label string")] as const;
  const key = (r: unknown) => JSON.stringify(r);

  for (const c of CASES) {
    it(c.name, async () => {
      const [ld, lo] = frames(onLocal);
      const [sd, so] = frames(onSpark);
      const expected = await c.program(ld as never, lo as never).collect();
      const actual = await c.program(sd as never, so as never).collect();
      if (c.ordered) expect(actual).toEqual(expected);
      else expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
    });
  }
});
