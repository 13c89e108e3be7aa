// df.write through sparkConnect: Spark's own writer (WriteOperation) writes the files, which local()
// then reads back; formats and modes Spark cannot write here are errors naming them.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { Session, col, count, type ProgressEvent } from "@lgde/core";
import { io } from "@lgde/io";
import { local } from "@lgde/executor-local";
import { sparkConnect, SparkLoweringError } from "@lgde/executor-spark-connect";
import { describeSpark, SPARK_URL } from "./spark.js";

const ROWS = [
  { id: 1, dt: "20201025", v: 10, s: "a" },
  { id: 2, dt: "20201025", v: null, s: "b" },
  { id: 3, dt: "20201026", v: 30, s: null },
  { id: 4, dt: "20201027", v: 40, s: "d" },
];
const DDL = "id int, dt string, v bigint, s string";

function sortById(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return [...rows].sort((a, b) => Number(a["id"]) - Number(b["id"]));
}

describeSpark("df.write on Spark", () => {
  const dir = mkdtempSync(join(tmpdir(), "lgde-spark-write-"));
  const events: ProgressEvent[] = [];
  // Spark reports progress on a timer (spark.connect.progress.reportInterval, 2 s by default), so a
  // query shorter than that reports nothing; a short interval makes the progress test deterministic.
  const spark = Session.builder().timeZone("UTC").use(io())
    .executor(sparkConnect(SPARK_URL, { conf: { "spark.connect.progress.reportInterval": "20ms" } }))
    .onProgress((e) => events.push(e)).getOrCreate();
  const reader = Session.builder().timeZone("UTC").use(io()).executor(local()).getOrCreate();
  afterAll(async () => {
    await spark.stop();
    await reader.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes parquet with partitionBy that local() reads back with the same rows", async () => {
    const target = join(dir, "by_dt");
    const df = spark.createDataFrame(ROWS, DDL);
    await df.where(col("id").gt(0)).write.mode("overwrite").partitionBy("dt").parquet(target);
    expect(readdirSync(target).filter((f) => f.startsWith("dt=")).sort()).toEqual(["dt=20201025", "dt=20201026", "dt=20201027"]);
    const back = await reader.read.parquet(target);
    const rows = (await back.select("id", "dt", "v", "s").collect()).map((r) => ({ ...r, dt: String(r["dt"]), v: r["v"] === null ? null : Number(r["v"]) }));
    expect(sortById(rows)).toEqual(ROWS);
  });

  it("writes json and csv, and append adds rows", async () => {
    const df = spark.createDataFrame(ROWS, DDL);
    const json = join(dir, "json");
    await df.write.mode("overwrite").json(json);
    await df.write.mode("append").json(json);
    expect(await reader.read.json(json).then((d) => d.count())).toBe(8);
    const csv = join(dir, "csv");
    await df.write.mode("overwrite").option("header", true).csv(csv);
    const back = await reader.read.option("header", true).csv(csv);
    expect(await back.count()).toBe(4);
  });

  it("errorIfExists fails on an existing path, naming it; ignore leaves it", async () => {
    const target = join(dir, "exists");
    const df = spark.createDataFrame(ROWS, DDL);
    await df.write.parquet(target);
    await expect(df.write.parquet(target)).rejects.toThrow(/exists/i);
    await df.write.mode("ignore").parquet(target);
    expect(await reader.read.parquet(target).then((d) => d.count())).toBe(4);
  });

  it("upsert and mysql are errors naming them", async () => {
    const df = spark.createDataFrame(ROWS, DDL);
    await expect(df.write.mode("upsert").option("key", "id").parquet(join(dir, "u"))).rejects.toThrow(SparkLoweringError);
    await expect(df.write.mode("upsert").parquet(join(dir, "u"))).rejects.toThrow(/upsert/);
    await expect(df.write.mysql("mysql://root@127.0.0.1/lgde", "t")).rejects.toThrow(/mysql/);
  });

  it("a query over many rows reports Spark's stage progress", async () => {
    events.length = 0;
    const n = 600;
    const a = spark.createDataFrame(Array.from({ length: n }, (_, i) => ({ a: i })), "a int");
    const b = spark.createDataFrame(Array.from({ length: n }, (_, i) => ({ b: i })), "b int");
    const out = await a.crossJoin(b).groupBy(col("a").mod(7).as("k")).agg(count("*").as("n")).collect();
    expect(out.reduce((s, r) => s + Number(r["n"]), 0)).toBe(n * n);
    const stages = events.filter((e) => e.task.startsWith("spark stage "));
    expect(stages.length).toBeGreaterThan(0);
    for (const e of stages) {
      expect(e.partitionsTotal).toBeGreaterThanOrEqual(e.partitionsDone ?? 0);
    }
  });
});
