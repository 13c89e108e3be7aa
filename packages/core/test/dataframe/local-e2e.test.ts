// End to end through @lgde/executor-local (a dev-time import; core's src never imports it).
import { describe, expect, test } from "vitest";
import {
  Session, col, count, countDistinct, desc, fromUnixtime, lit, lower, sum, when,
} from "@lgde/core";
import { local } from "@lgde/executor-local";

const spark = Session.builder().timeZone("Asia/Seoul").executor(local()).getOrCreate();
const access = spark.createDataFrame(
  [
    { a_time: 1603584000, a_uid: 1, a_id: "login" },
    { a_time: 1603587600, a_uid: 1, a_id: "logout" },
    { a_time: 1603591200, a_uid: 2, a_id: "login" },
    { a_time: 1603591200, a_uid: 2, a_id: "login" },
    { a_time: 1603594800, a_uid: 3, a_id: "LOGIN" },
  ],
  "a_time bigint, a_uid int, a_id string",
);
const purchase = spark.createDataFrame(
  [{ p_uid: 1, p_amount: 100 }, { p_uid: 1, p_amount: 50 }, { p_uid: 4, p_amount: 7 }],
  "p_uid int, p_amount int",
);

describe("DataFrame on the local executor", () => {
  test("filter, group and aggregate with typed rows", async () => {
    const rows = await access.where(lower("a_id").equalTo("login")).groupBy("a_uid").agg(count("a_uid").as("a_count"))
      .orderBy("a_uid").collect();
    expect(rows).toEqual([{ a_uid: 1, a_count: 1 }, { a_uid: 2, a_count: 2 }, { a_uid: 3, a_count: 1 }]);
  });
  test("global aggregates, count, distinct", async () => {
    const [row] = await access.agg(countDistinct("a_uid").as("DAU")).collect();
    expect(row).toEqual({ DAU: 3 });
    // select of aggregates aggregates the whole frame, as in Spark
    expect(await access.select(countDistinct("a_uid").as("DAU"), count("*")).collect()).toEqual([{ DAU: 3, "count(1)": 5 }]);
    expect(() => access.select(col("a_uid"), count("*"))).toThrow(/neither an aggregate nor a grouping key/);
    expect(await access.count()).toBe(5);
    expect(await access.distinct().count()).toBe(4);
    expect(await access.dropDuplicates(["a_uid"]).count()).toBe(3);
  });
  test("left join on a condition, na.fill, rename", async () => {
    const amounts = purchase.groupBy("p_uid").agg(sum("p_amount").as("p_amount"), count("*").as("p_count"));
    const dim = access.select("a_uid").distinct()
      .join(amounts, col("a_uid").eq(col("p_uid")), "left")
      .na.fill({ p_amount: 0, p_count: 0 })
      .withColumnRenamed("a_uid", "d_uid")
      .orderBy("d_uid");
    expect(await dim.collect()).toEqual([
      { d_uid: 1, p_uid: 1, p_amount: 150, p_count: 2 },
      { d_uid: 2, p_uid: null, p_amount: 0, p_count: 0 },
      { d_uid: 3, p_uid: null, p_amount: 0, p_count: 0 },
    ]);
  });
  test("time functions use the session zone; show matches Spark", async () => {
    const out = access.select(fromUnixtime(col("a_time")).as("t"), col("a_uid")).limit(2);
    expect(await out.showString()).toBe(
      "+-------------------+-----+\n" +
      "|                  t|a_uid|\n" +
      "+-------------------+-----+\n" +
      "|2020-10-25 09:00:00|    1|\n" +
      "|2020-10-25 10:00:00|    1|\n" +
      "+-------------------+-----+\n",
    );
  });
  test("when/otherwise, withColumn, union, subtract, orderBy desc, limit", async () => {
    const tagged = purchase.withColumn("size", when(col("p_amount").geq(50), "big").otherwise(lit("small")));
    expect((await tagged.orderBy(desc("p_amount")).limit(1).collect())[0]).toEqual({ p_uid: 1, p_amount: 100, size: "big" });
    expect(await purchase.union(purchase).count()).toBe(6);
    expect(await purchase.union(purchase).subtract(purchase.where(col("p_uid").eq(4))).count()).toBe(2);
  });
  test("explain shows three sections", async () => {
    const text = await access.where(col("a_uid").gt(1)).select("a_uid").explainString();
    expect(text).toContain("== Parsed Logical Plan ==");
    expect(text).toContain("== Optimized Logical Plan ==");
    expect(text).toContain("== Physical Plan ==");
  });
});
