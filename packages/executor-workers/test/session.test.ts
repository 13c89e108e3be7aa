// The same DataFrame program, unchanged, through a Session with local() and with workers().
import { describe, expect, it } from "vitest";
import { Session, col, count, countDistinct, desc, sum, type Executor } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { workers } from "@lgde/executor-workers";

async function program(executor: Executor) {
  const spark = Session.builder().appName("t").executor(executor).getOrCreate();
  try {
    const rows = Array.from({ length: 40 }, (_, i) => ({ uid: i % 6, page: `p${i % 4}`, amount: i }));
    const access = spark.createDataFrame(rows, "uid int, page string, amount int");
    const byUser = access.groupBy("uid").agg(count("page").as("n"), sum("amount").as("total"), countDistinct("page").as("pages"));
    const top = await byUser.orderBy(desc("total")).limit(3).collect();
    const joined = await byUser.join(access.select("uid", "page").distinct(), "uid").orderBy("uid", "page").collect();
    return { top, joined, plan: await byUser.explainString("simple") };
  } finally {
    await spark.stop();
  }
}

describe("Session", () => {
  it("runs the same program with the same answers", async () => {
    const want = await program(local());
    const got = await program(workers({ threads: 2 }));
    expect(got.top).toEqual(want.top);
    expect(got.joined).toEqual(want.joined);
    expect(got.plan).toContain("Exchange hashpartitioning");
  });
});
