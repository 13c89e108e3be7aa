// The course's Day 1 (2020-10-25, Asia/Seoul) computed on Apache Spark through sparkConnect(),
// written exactly as test/day1.test.ts writes it for local(): the same program, one line changed.
import { afterAll, expect, it } from "vitest";
import { Session, avg, col, count, countDistinct, fromUnixtime, lit, max, min, sum } from "@lgde/core";
import { sparkConnect } from "@lgde/executor-spark-connect";
import {
  ACCESS_DDL, ACCESS_LINES, EXPECTED_20201025, PURCHASES_20201025, PURCHASE_DDL, USERS_20201025, USER_DDL,
} from "../../../../test/fixtures/lgde-day1.js";
import { describeSpark, SPARK_URL } from "./spark.js";

const D = "20201025";

describeSpark("Day 1 on Spark (2020-10-25, Asia/Seoul)", () => {
  const spark = Session.builder().appName("lgde-day1").timeZone("Asia/Seoul").executor(sparkConnect(SPARK_URL)).getOrCreate();
  afterAll(() => spark.stop());

  const user = spark.createDataFrame(USERS_20201025, USER_DDL);
  const purchase = spark.createDataFrame(PURCHASES_20201025, PURCHASE_DDL)
    .where(fromUnixtime(col("p_time").cast("bigint"), "yyyyMMdd").equalTo(D));
  const access = spark.createDataFrame(ACCESS_LINES.map((l) => [...l]), ACCESS_DDL)
    .where(fromUnixtime(col("a_time"), "yyyyMMdd").equalTo(D))
    .dropDuplicates();

  it("keeps the day's 12 distinct access lines and 6 purchases", async () => {
    expect(await access.count()).toBe(EXPECTED_20201025.access_rows);
    expect(await purchase.count()).toBe(EXPECTED_20201025.purchase_rows);
  });

  it("computes DAU 5, PU 4, DR 12200000, ARPU 2440000, ARPPU 3050000", async () => {
    const dau = access.agg(countDistinct("a_uid").as("dau"));
    const pu = purchase.agg(countDistinct("p_uid").as("pu"), sum("p_amount").as("dr")).na.fill({ dr: 0 });
    const [m] = await dau.crossJoin(pu)
      .select(col("dau"), col("pu"), col("dr"), col("dr").divide(col("dau")).as("arpu"), col("dr").divide(col("pu")).as("arppu"))
      .collect();
    expect(m).toEqual({ dau: 5, pu: 4, dr: 12200000, arpu: 2440000, arppu: 3050000 });
  });

  it("computes DAAT 2400 from the closed sessions", async () => {
    const logouts = access.where(col("a_id").equalTo("logout")).select(col("a_uid").as("o_uid"), col("a_time").as("o_time"));
    const events = access.select(col("a_uid").as("e_uid"), col("a_time").as("e_time"), col("a_id").as("e_id"));
    const previous = logouts
      .join(events, col("o_uid").equalTo(col("e_uid")).and(col("e_time").lt(col("o_time"))))
      .groupBy("o_uid", "o_time").agg(max("e_time").as("prev_time"));
    const sessions = previous
      .join(events, col("o_uid").equalTo(col("e_uid")).and(col("prev_time").equalTo(col("e_time"))))
      .where(col("e_id").equalTo("login"))
      .select(col("o_uid"), col("o_time").minus(col("prev_time")).as("seconds"));
    expect(await sessions.count()).toBe(5);
    const [{ daat }] = (await sessions.agg(avg("seconds").as("daat")).collect()) as [{ daat: number | null }];
    expect(daat).toBe(EXPECTED_20201025.metrics.daat);
  });

  it("builds the Day-1 user dimension exactly as expected/20201025.json", async () => {
    const logins = access.where(col("a_id").equalTo("login")).groupBy("a_uid").agg(count("a_uid").as("a_count"));
    const amounts = purchase.groupBy("p_uid").agg(
      sum("p_amount").as("p_amount"), count("p_uid").as("p_count"), min(col("p_time").cast("bigint")).as("p_first"),
    );
    const seen = access.select(col("a_uid").as("uid")).union(purchase.select(col("p_uid").as("uid"))).distinct();
    const dim = seen
      .join(logins, col("uid").equalTo(col("a_uid")), "left")
      .join(amounts, col("uid").equalTo(col("p_uid")), "left")
      .join(user, col("uid").equalTo(col("u_id")), "left")
      .na.fill({ a_count: 0, p_amount: 0, p_count: 0 })
      .select(
        col("uid").as("d_uid"), col("u_name").as("d_name"), col("u_gender").as("d_gender"),
        col("a_count").cast("bigint").as("d_acount"), col("p_amount").cast("bigint").as("d_pamount"),
        col("p_count").cast("bigint").as("d_pcount"), fromUnixtime(col("p_first")).as("d_first_purchase"), lit(D).as("dt"),
      )
      .orderBy("d_uid");
    expect(await dim.collect()).toEqual(EXPECTED_20201025.dimension);
    const [k] = (await dim.agg(count("*").as("users"), sum("d_pamount").as("ar")).collect()) as [{ users: number; ar: number }];
    expect(k).toEqual({ users: EXPECTED_20201025.metrics.users, ar: EXPECTED_20201025.metrics.ar });
  });
});
