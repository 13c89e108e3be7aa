// `lgde metrics` with the Spark executor (issue #9): the same KPI JSON and dimension as with local.
// Needs a Spark Connect server (`.ci/spark.sh` starts one in CI); under CI=true it must run.
import { connect } from "node:net";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileSources, metrics, paths, runRange } from "../src/index.js";
import { COURSE_ACCESS_LOG, COURSE_DAYS, COURSE_TABLES, expectCourseDay } from "./helpers/course.js";
import { readJsonLines, tempDir } from "./helpers/shop.js";

const SPARK = { host: "127.0.0.1", port: 15002 };

function answers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ ...SPARK, timeout: 2000 });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

const up = await answers();
if (!up && process.env["CI"] === "true") {
  throw new Error("CI=true and no Spark Connect server answers at 127.0.0.1:15002 (.ci/spark.sh starts one)");
}
if (!up) console.log("lgde metrics --executor spark: skipped, no Spark Connect server (scripts/spark-server.sh start)");

describe.skipIf(!up)("lgde metrics --executor spark", () => {
  it("gives the same KPI JSON and dimension as the local executor on the course's days", async () => {
    const local = tempDir();
    const sources = fileSources({ dir: COURSE_TABLES, format: "csv", accessLog: COURSE_ACCESS_LOG });
    await runRange({ warehouse: local, sources, from: "20201025", to: "20201026", firstDay: true });
    // Spark computes the metrics from the same ingested partitions.
    const spark = tempDir();
    for (const d of ["user", "purchase", "access"]) cpSync(join(local, d), join(spark, d), { recursive: true });
    for (const [i, date] of COURSE_DAYS.entries()) {
      await metrics({ warehouse: spark, sources, date, firstDay: i === 0, executor: "spark", servingUrl: null });
      expect(readJsonLines(paths.kpi(spark, date))).toEqual(readJsonLines(paths.kpi(local, date)));
      await expectCourseDay(spark, date);
    }
  }, 240_000);
});
