// The client against the real server: configuration, explain, Spark's errors, unreachable servers, stop.
import { afterAll, expect, it, vi } from "vitest";
import { Session, col, fromUnixtime, E, Filter, Values, rowsToBatches, Scan, field, schema, type ExecutionContext, type SourceRegistry } from "@lgde/core";
import { SparkConnectClient, SparkConnectError, sparkConnect } from "@lgde/executor-spark-connect";
import { describeSpark, SPARK_URL } from "./spark.js";

const noSources: SourceRegistry = {
  source: (f) => { throw new Error(`no source ${f}`); },
  sink: (f) => { throw new Error(`no sink ${f}`); },
};
const ctx: ExecutionContext = { timeZone: "Asia/Seoul", sources: noSources, batchSize: 1024 };

describeSpark("Spark Connect client", () => {
  const executor = sparkConnect(SPARK_URL);
  const spark = Session.builder().timeZone("Asia/Seoul").executor(executor).getOrCreate();
  afterAll(() => spark.stop());

  it("reports the server's Spark version (4.x)", async () => {
    expect(await executor.sparkVersion()).toMatch(/^4\./);
  });

  it("sends the session time zone as spark.sql.session.timeZone, and ANSI off", async () => {
    const df = spark.createDataFrame([{ t: 0 }], "t bigint").select(fromUnixtime(col("t"), "yyyy-MM-dd HH:mm").as("s"));
    expect(await df.collect()).toEqual([{ s: "1970-01-01 09:00" }]);
    const client = new SparkConnectClient(SPARK_URL, { sessionId: executor.sessionId });
    expect(await client.getConfig(["spark.sql.session.timeZone", "spark.sql.ansi.enabled"])).toEqual({
      "spark.sql.session.timeZone": "Asia/Seoul", "spark.sql.ansi.enabled": "false",
    });
  });

  it("df.explain() shows Spark's own physical plan (AnalyzePlan)", async () => {
    const df = spark.createDataFrame([{ k: 1, g: "a" }, { k: 2, g: "a" }], "k int, g string").where(col("k").gt(0)).groupBy("g").count();
    const simple = await df.explainString("simple");
    expect(simple).toMatch(/^== Physical Plan ==\nSparkConnect sc:\/\/127\.0\.0\.1:15002\n/);
    expect(simple).toContain("HashAggregate(keys=[g#");   // Spark's operators, Spark's attribute ids
    expect(simple).toContain("LocalTableScan");
    expect(simple).not.toContain("(unavailable");
    const extended = await df.explainString();
    expect(extended).toContain("== Parsed Logical Plan ==");
    expect(extended).toContain("== Physical Plan ==\nSparkConnect sc://127.0.0.1:15002\n");
    expect(extended).toMatch(/\(\d+\) HashAggregate/);     // Spark's formatted mode: operator details
    expect(extended).not.toContain("(unavailable");
  });

  it("receives the frame's plan unoptimized (Catalyst optimizes), with the same answers", async () => {
    const df = spark.createDataFrame([{ k: 1, g: "a" }, { k: 2, g: "b" }], "k int, g string").select("k", "g").where(col("k").gt(1)).select("g");
    expect(executor.wantsUnoptimizedPlan).toBe(true);
    const seen: unknown[] = [];
    const execute = executor.execute.bind(executor);
    const spy = vi.spyOn(executor, "execute").mockImplementation((plan, c) => { seen.push(plan); return execute(plan, c); });
    try {
      expect(await df.collect()).toEqual([{ g: "b" }]);
    } finally {
      spy.mockRestore();
    }
    expect(seen).toEqual([df.plan]);
    expect(seen[0]).toBe(df.plan);
  });

  it("executor.explain() shows the relation sent; sparkExplain() shows Spark's own plans", async () => {
    const df = spark.createDataFrame([{ k: 1 }], "k int").where(col("k").gt(0));
    expect(executor.explain(df.plan, ctx)).toContain("SparkConnect sc://127.0.0.1:15002 (relation sent)");
    const s = schema([field("k", "int32")]);
    const plan = Filter.create(Values.create(rowsToBatches([{ k: 1 }], s), s), E.binary(">", E.column("k"), E.literal(0)));
    const text = await executor.sparkExplain(plan, ctx, "extended");
    expect(text).toContain("== Physical Plan ==");
    expect(text).toContain("== Analyzed Logical Plan ==");
  });

  it("an error raised by Spark carries Spark's error class and message", async () => {
    const plan = Scan.create({ format: "parquet", options: { path: "/nonexistent/lgde-spark-test" }, schema: schema([field("k", "int32")]), description: "parquet /nonexistent" });
    const run = async () => { for await (const _ of executor.execute(plan, ctx)) { /* drain */ } };
    const err = await run().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(SparkConnectError);
    const e = err as SparkConnectError;
    expect(e.errorClass).toBe("PATH_NOT_FOUND");
    expect(e.message).toContain("[PATH_NOT_FOUND]");
    expect(e.message).toContain("/nonexistent/lgde-spark-test");
  });

  it("stop() releases the server session: later calls on it fail", async () => {
    const other = sparkConnect(SPARK_URL);
    await other.sparkVersion();
    const id = other.sessionId;
    await other.stop();
    const again = new SparkConnectClient(SPARK_URL, { sessionId: id });
    const err = await again.getConfig(["spark.sql.session.timeZone"]).then(() => null, (e: unknown) => e as SparkConnectError);
    await again.close();
    expect(err?.message).toMatch(/INVALID_HANDLE|SESSION_CLOSED|closed/i);
  });
});

it("an unreachable server is a clear error naming the URL within seconds, never a hang", async () => {
  // port 9 (discard) on loopback: nothing listens there
  const ex = sparkConnect("sc://127.0.0.1:9", { connectTimeoutMs: 1500 });
  const plan = Scan.create({ format: "parquet", options: { path: "/x" }, schema: schema([field("k", "int32")]), description: "parquet /x" });
  const started = Date.now();
  const err = await (async () => { for await (const _ of ex.execute(plan, ctx)) { /* drain */ } })().then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SparkConnectError);
  expect((err as Error).message).toContain("cannot reach the Spark Connect server at sc://127.0.0.1:9");
  expect(Date.now() - started).toBeLessThan(15_000);
  await ex.stop();
});
