// Through the public API: Session + local executor + io(), as a pipeline would use it.
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Session, col, count, sum } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "../src/index.js";
import { tempDir } from "./helpers.js";

let dir: string, cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe("io through the DataFrame API", () => {
  it("writes frames whose columns share one buffer (the same aggregate twice) in every format", async () => {
    const spark = Session.builder().executor(local()).use(io()).getOrCreate();
    try {
      const df = spark.createDataFrame([{ k: 1, v: 2 }, { k: 1, v: 3 }, { k: 2, v: 5 }], "k int, v int");
      const agg = df.groupBy("k").agg(sum("v").as("a"), sum("v").as("b"), count("*").as("n"), count("*").as("m"));
      const want = [{ k: 1, a: 5, b: 5, n: 2, m: 2 }, { k: 2, a: 5, b: 5, n: 1, m: 1 }];
      for (const format of ["parquet", "json"] as const) {
        const target = path.join(dir, format);
        await agg.write.mode("overwrite")[format](target);
        const back = format === "parquet" ? await spark.read.parquet(target) : await spark.read.json(target);
        expect(await back.select("k", "a", "b", "n", "m").orderBy("k").collect(), format).toEqual(want);
      }
    } finally {
      await spark.stop();
    }
  });

  it("writes partitioned Parquet and JSON, and reads them back with filters and projections", async () => {
    const spark = Session.builder().appName("io-test").timeZone("Asia/Seoul").executor(local()).use(io()).getOrCreate();
    try {
      const df = spark.createDataFrame([
        { u: 1, name: "김철수", dt: "20201025" }, { u: 2, name: "이영희", dt: "20201026" }, { u: 3, name: null, dt: "20201025" },
      ], "u int, name string, dt string");
      const root = path.join(dir, "user");
      await df.write.mode("overwrite").partitionBy("dt").parquet(root);
      const back = await spark.read.parquet(root);
      expect(back.columns).toEqual(["u", "name", "dt"]);
      const rows = await back.where(col("dt").equalTo("20201025")).select("u", "name").orderBy("u").collect();
      expect(rows).toEqual([{ u: 1, name: "김철수" }, { u: 3, name: null }]);
      const j = path.join(dir, "j");
      await df.write.mode("overwrite").json(j);
      expect(await (await spark.read.json(j)).count()).toBe(3);
    } finally {
      await spark.stop();
    }
  });
});
