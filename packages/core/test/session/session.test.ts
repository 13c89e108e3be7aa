import * as arrow from "apache-arrow";
import { describe, expect, test } from "vitest";
import {
  AnalysisError, Session, field, parseDdl, schema, type JsonValue, type Plugin, type SinkProvider,
  type SourceProvider, type SourceRef, type WriteRequest,
} from "../../src/index.js";
import { FakeExecutor } from "../support/fake-executor.js";

/** A source that records what it was asked to resolve. */
function fakeSource(format: string, resolved: { readonly [key: string]: JsonValue }[]): SourceProvider {
  return {
    format,
    async resolve(options): Promise<SourceRef> {
      resolved.push(options);
      const ddl = typeof options["schema"] === "string" ? options["schema"] : "a int, b string";
      return { format, options, schema: parseDdl(ddl), description: `${format} ${String(options["path"] ?? options["table"])}` };
    },
    async partitions() {
      return [];
    },
    async *read() {},
  };
}

function fakeSink(format: string, requests: WriteRequest[], rows: number[]): SinkProvider {
  return {
    format,
    async write(batches, request) {
      requests.push(request);
      let n = 0;
      for await (const b of batches) n += b.numRows;
      rows.push(n);
      return { rows: n, files: 1, partitions: [] };
    },
  };
}

describe("Session.builder", () => {
  test("collects settings into the execution context", () => {
    const progress = () => {};
    const spark = Session.builder().appName("t").timeZone("Asia/Seoul").batchSize(10).onProgress(progress)
      .config("x.y", 3).getOrCreate();
    expect(spark.appName).toBe("t");
    expect(spark.timeZone).toBe("Asia/Seoul");
    expect(spark.context).toMatchObject({ timeZone: "Asia/Seoul", batchSize: 10, onProgress: progress });
    expect(spark.conf.get("x.y")).toBe("3");
    expect(Session.builder().config("spark.sql.session.timeZone", "UTC").getOrCreate().timeZone).toBe("UTC");
  });
  test("rejects unknown zones and bad batch sizes", () => {
    expect(() => Session.builder().timeZone("Mars/Base")).toThrow(/unknown time zone "Mars\/Base"/);
    expect(() => Session.builder().batchSize(0)).toThrow(/batchSize/);
  });
  test("without an executor, running tells how to configure one; building plans still works", async () => {
    const spark = Session.builder().getOrCreate();
    const df = spark.createDataFrame([{ k: 1 }]);
    expect(df.columns).toEqual(["k"]);
    await expect(df.collect()).rejects.toThrow(/executor\(local\(\)\).*@lgde\/executor-local/);
    expect(() => spark.executor).toThrow(/@lgde\/executor-local/);
    await spark.stop();
  });
  test("stop() stops the executor", async () => {
    const ex = new FakeExecutor();
    await Session.builder().executor(ex).getOrCreate().stop();
    expect(ex.stopped).toBe(1);
  });
  test("disabled optimizer rules come from config", async () => {
    const spark = Session.builder().config("spark.lgde.optimizer.disabledRules", "push-down-filter, prune-columns")
      .executor(new FakeExecutor()).getOrCreate();
    expect(await spark.createDataFrame([{ k: 1 }]).explainString()).toContain("== Optimized Logical Plan ==");
  });
});

describe("createDataFrame", () => {
  const spark = Session.builder().executor(new FakeExecutor()).getOrCreate();
  test("with a DDL schema", () => {
    const df = spark.createDataFrame([{ k: 1, g: "a" }], "k int, g string not null");
    expect(df.schema).toEqual(schema([field("k", "int32"), field("g", "utf8", false)]));
    expect(df.plan.kind).toBe("values");
  });
  test("with column names (tuples or objects) and inference", async () => {
    const df = spark.createDataFrame([[1, "a"], [2, null]], ["k", "g"]);
    expect(df.schema).toEqual(schema([field("k", "int64"), field("g", "utf8")]));
    expect(await df.collect()).toEqual([{ k: 1, g: "a" }, { k: 2, g: null }]);
    expect(spark.createDataFrame([{ a: 1.5, t: new Date(0) }]).dtypes).toEqual([["a", "double"], ["t", "timestamp"]]);
  });
  test("splits rows into batches of the session's batch size", () => {
    const small = Session.builder().batchSize(2).getOrCreate();
    const df = small.createDataFrame([{ k: 1 }, { k: 2 }, { k: 3 }], "k int");
    expect((df.plan as { batches: unknown[] }).batches).toHaveLength(2);
  });
  test("from an Arrow table, converting foreign types", async () => {
    const table = arrow.tableFromArrays({ i8: Int8Array.from([1, 2]), f32: Float32Array.from([1.5, 2.5]), s: ["x", "y"] });
    const df = spark.createDataFrame(table);
    expect(df.dtypes).toEqual([["i8", "int"], ["f32", "double"], ["s", "string"]]);
    expect(await df.collect()).toEqual([{ i8: 1, f32: 1.5, s: "x" }, { i8: 2, f32: 2.5, s: "y" }]);
  });
});

describe("registry, reader and writer", () => {
  const resolved: { readonly [key: string]: JsonValue }[] = [];
  const requests: WriteRequest[] = [];
  const written: number[] = [];
  const plugin: Plugin = {
    name: "fake",
    sources: ["parquet", "json", "csv", "mysql"].map((f) => fakeSource(f, resolved)),
    sinks: ["parquet", "json", "csv", "mysql"].map((f) => fakeSink(f, requests, written)),
  };
  const spark = Session.builder().executor(new FakeExecutor()).use(plugin).getOrCreate();

  test("an unknown format lists the installed ones and hints at use(io())", async () => {
    const bare = Session.builder().getOrCreate();
    await expect(bare.read.parquet("/x")).rejects.toThrow(AnalysisError);
    await expect(bare.read.parquet("/x")).rejects.toThrow(/no source for format "parquet"; installed source formats: none.*use\(io\(\)\)/);
    await expect(spark.read.format("avro").load("/x")).rejects.toThrow(/installed source formats: parquet, json, csv, mysql/);
  });
  test("reader methods resolve through the provider and give a Scan", async () => {
    const df = await spark.read.parquet("/data/user");
    expect(df.plan).toMatchObject({ kind: "scan", projection: null, filters: [] });
    expect(resolved.at(-1)).toEqual({ path: "/data/user" });
    await spark.read.csv("/a.csv", { header: true, inferSchema: true });
    expect(resolved.at(-1)).toEqual({ header: true, inferSchema: true, path: "/a.csv" });
    const typed = await spark.read.format("json").schema("x bigint, y string").option("mode", "PERMISSIVE").load(["/1", "/2"]);
    expect(resolved.at(-1)).toEqual({ schema: "x bigint, y string", mode: "PERMISSIVE", path: ["/1", "/2"] });
    expect(typed.columns).toEqual(["x", "y"]);
    await spark.read.mysql("mysql://u@h/db", "user_20201025", { splitBy: "u_id", numPartitions: 4 });
    expect(resolved.at(-1)).toEqual({ url: "mysql://u@h/db", table: "user_20201025", splitBy: "u_id", numPartitions: 4 });
    await spark.read.mysql({ url: "mysql://u@h/db" }, "SELECT * FROM t");
    expect(resolved.at(-1)).toEqual({ url: "mysql://u@h/db", query: "SELECT * FROM t" });
    await spark.read.schema(parseDdl("a int not null")).json("/j");
    expect(resolved.at(-1)).toEqual({ schema: "a int not null", path: "/j" });
  });
  test("writer builds a WriteRequest and streams the executed batches", async () => {
    const df = spark.createDataFrame([{ dt: "20201025", v: 1 }, { dt: "20201025", v: 2 }], "dt string, v int");
    const result = await df.write.mode("overwrite").partitionBy("dt").option("compression", "zstd").parquet("/out");
    expect(result.rows).toBe(2);
    expect(requests.at(-1)).toEqual({
      format: "parquet", mode: "overwrite", target: "/out", partitionBy: ["dt"], options: { compression: "zstd" }, schema: df.schema,
    });
    await df.write.mode("upsert").option("key", "dt").mysql("mysql://u@h/db", "lgde");
    expect(requests.at(-1)).toMatchObject({ format: "mysql", mode: "upsert", target: "lgde", options: { key: "dt", url: "mysql://u@h/db" } });
    await df.write.json("/j");
    expect(requests.at(-1)).toMatchObject({ format: "json", mode: "errorIfExists" });
    await df.write.mode("error").format("csv").options({ header: true }).save("/c");
    expect(requests.at(-1)).toMatchObject({ format: "csv", mode: "errorIfExists", options: { header: true } });
    expect(() => df.write.mode("sometimes" as never)).toThrow(/unknown save mode "sometimes"/);
    await expect(df.write.format("avro").save("/x")).rejects.toThrow(/installed sink formats: parquet, json, csv, mysql/);
  });
});
