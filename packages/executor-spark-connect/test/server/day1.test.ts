// The course's Day 1 (2020-10-25, Asia/Seoul) on Apache Spark through sparkConnect(): the very program
// test/day1.test.ts runs on local() (test/fixtures/lgde-day1-program.ts), only the session differs.
import { afterAll } from "vitest";
import { Session } from "@lgde/core";
import { sparkConnect } from "@lgde/executor-spark-connect";
import { day1Checks } from "../../../../test/day1-checks.js";
import { describeSpark, SPARK_URL } from "./spark.js";

describeSpark("Day 1 on Spark (2020-10-25, Asia/Seoul)", () => {
  const spark = Session.builder().appName("lgde-day1").timeZone("Asia/Seoul").executor(sparkConnect(SPARK_URL)).getOrCreate();
  afterAll(() => spark.stop());
  day1Checks(spark);
});
