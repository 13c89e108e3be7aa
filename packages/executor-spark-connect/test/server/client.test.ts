// The client against the real server: configuration, explain, Spark's errors, unreachable servers, stop.
import { afterAll, expect, it } from "vitest";
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

  it("explain() shows the relation sent; sparkExplain() shows Spark's own plans", async () => {
    const df = spark.createDataFrame([{ k: 1 }], "k int").where(col("k").gt(0));
    expect(df.explainString("simple")).toContain("SparkConnect sc://127.0.0.1:15002");
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
