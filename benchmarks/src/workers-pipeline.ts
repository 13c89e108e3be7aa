// The LGDE day's metrics pipeline on a synthetic access log, local() against workers({ threads: 2 }).
//
//   node benchmarks/dist/workers-pipeline.js [--rows 10000000] [--customers 1000000] [--runs 5] [--threads 2] [--warm] [--no-ceiling]
//
// Generates (seeded, once) Parquet files under benchmarks/data/workers-pipeline/ with the library's
// own writer: the access log (several files of several row groups, so that scans have partitions,
// with ~5% duplicated lines), the day's purchases and the customer table. Then times the pipeline
// in fresh child processes, alternating the executors run by run, and prints the medians, the
// ratio local/workers and each executor's peak RSS (the child's VmHWM, worker threads included).
// A run is timed from the session's creation, so the workers' thread start-up counts; with --warm,
// each child runs the pipeline once untimed first and times a second run on the same session.
//
// The machine's ceiling, measured in the same rounds (unless --no-ceiling): `threads` local children
// started together, each running the whole pipeline. Splitting one pipeline across threads should not
// beat running that many independent copies of it side by side (unless a part's smaller hash tables
// make each row cheaper), so `threads` x the local time over the copies' mean time estimates the best
// speedup any partitioning can reach on this machine at this time:
// the local executor keeps more than one core busy already (V8's GC and compiler threads), and the
// copies share caches, memory bandwidth and whatever the host grants the virtual CPUs.
//
// The pipeline: access deduplicated; DAU (countDistinct of a_uid); per-user login counts; per-user
// purchase sums and counts; the customer dimension joined with both (left joins), summarized to a
// row so that both executors' answers can be compared without collecting a million rows.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as arrow from "apache-arrow";
import { Session, coalesce, col, count, countDistinct, lit, sum, type Executor } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { workers } from "@lgde/executor-workers";
import { io } from "@lgde/io";
import { median, mulberry32, peakRss } from "./util/measure.js";

interface Options {
  readonly rows: number;
  readonly customers: number;
  readonly runs: number;
  readonly threads: number;
  readonly child: "local" | "workers" | null;
  /** Time a second run on a warmed-up session instead of the first (`--warm`). */
  readonly warm: boolean;
  /** Measure the machine's ceiling each round: `threads` local runs at once. */
  readonly ceiling: boolean;
  readonly dir: string;
}

function parseArgs(argv: readonly string[]): Options {
  const get = (name: string, dflt: number): number => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return dflt;
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${name} must be a positive integer, got ${argv[i + 1]}`);
    return v;
  };
  const rows = get("rows", 10_000_000), customers = get("customers", 1_000_000);
  const ci = argv.indexOf("--child");
  const child = ci < 0 ? null : (argv[ci + 1] as "local" | "workers");
  if (child !== null && child !== "local" && child !== "workers") throw new RangeError(`--child must be local or workers, got ${String(child)}`);
  const here = dirname(fileURLToPath(import.meta.url));
  return { rows, customers, runs: get("runs", 5), threads: get("threads", 2), child, warm: argv.includes("--warm"), ceiling: !argv.includes("--no-ceiling"), dir: join(here, "..", "data", "workers-pipeline", `${rows}-${customers}`) };
}

const DAY_START = 1603551600; // 2020-10-25 00:00:00 Asia/Seoul
const FILES = 8;
const ROW_GROUP = 250_000;

function int32(values: Int32Array): arrow.Data { return arrow.makeData({ type: new arrow.Int32(), length: values.length, data: values }); }
function int64(values: BigInt64Array): arrow.Data { return arrow.makeData({ type: new arrow.Int64(), length: values.length, data: values }); }
function utf8(strings: readonly string[]): arrow.Data { return arrow.vectorFromArray(strings, new arrow.Utf8()).data[0]!; }

function table(columns: Record<string, arrow.Data>): arrow.Table {
  const fields = Object.entries(columns).map(([n, d]) => new arrow.Field(n, d.type, true));
  const data = Object.values(columns);
  const batch = new arrow.RecordBatch(new arrow.Schema(fields), arrow.makeData({ type: new arrow.Struct(fields), length: data[0]!.length, nullCount: 0, children: data }));
  return new arrow.Table([batch]);
}

/** Writes the three inputs once (the folder is git-ignored). */
async function generate(o: Options): Promise<void> {
  const done = join(o.dir, "_COMPLETE");
  if (existsSync(done)) return;
  mkdirSync(o.dir, { recursive: true });
  const spark = Session.builder().use(io()).executor(local()).getOrCreate();
  const rand = mulberry32(20201025);
  const t0 = Date.now();
  try {
    // Access log: each file holds rows/FILES lines; ~5% of them repeat an earlier line of the file.
    const per = Math.ceil(o.rows / FILES);
    for (let f = 0; f < FILES; f++) {
      const n = Math.min(per, o.rows - f * per);
      const time = new BigInt64Array(n), uid = new Int32Array(n), ids: string[] = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        if (i > 0 && rand() < 0.05) {
          const j = Math.floor(rand() * i);
          time[i] = time[j]!; uid[i] = uid[j]!; ids[i] = ids[j]!;
          continue;
        }
        // Skewed activity: a third of the events come from the first tenth of the customers.
        uid[i] = 1 + Math.floor(rand() < 0.33 ? rand() * (o.customers / 10) : rand() * o.customers);
        time[i] = BigInt(DAY_START + Math.floor(rand() * 86_400));
        ids[i] = rand() < 0.55 ? "login" : "logout";
      }
      await spark.createDataFrame(table({ a_time: int64(time), a_uid: int32(uid), a_id: utf8(ids) }))
        .write.mode(f === 0 ? "overwrite" : "append").option("rowGroupSize", ROW_GROUP).parquet(join(o.dir, "access"));
      console.error(`generated access file ${f + 1}/${FILES} (${n} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    // Purchases: a tenth of the access rows, by a fifth of the customers.
    const np = Math.max(1, Math.floor(o.rows / 10));
    const pUid = new Int32Array(np), pAmount = new Int32Array(np), pTime = new BigInt64Array(np);
    for (let i = 0; i < np; i++) {
      pUid[i] = 1 + Math.floor(rand() * Math.max(1, o.customers / 5));
      pAmount[i] = 1000 * (1 + Math.floor(rand() * 100));
      pTime[i] = BigInt(DAY_START + Math.floor(rand() * 86_400));
    }
    await spark.createDataFrame(table({ p_time: int64(pTime), p_uid: int32(pUid), p_amount: int32(pAmount) }))
      .write.mode("overwrite").option("rowGroupSize", ROW_GROUP).parquet(join(o.dir, "purchase"));
    // Customers.
    const uId = new Int32Array(o.customers), names: string[] = [], genders: string[] = [];
    for (let i = 0; i < o.customers; i++) {
      uId[i] = i + 1;
      names.push(`user${i + 1}`);
      genders.push(rand() < 0.5 ? "F" : "M");
    }
    await spark.createDataFrame(table({ u_id: int32(uId), u_name: utf8(names), u_gender: utf8(genders) }))
      .write.mode("overwrite").option("rowGroupSize", ROW_GROUP).parquet(join(o.dir, "user"));
    writeFileSync(done, `${new Date().toISOString()}\n`);
    console.error(`generated ${o.dir} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await spark.stop();
  }
}

interface RunResult {
  readonly executor: string;
  readonly millis: number;
  readonly peakRssMiB: number;
  readonly answers: unknown;
}

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x)));

/** The pipeline's two queries on `spark`: its answers. */
async function pipeline(o: Options, spark: Session): Promise<unknown> {
  const access = (await spark.read.parquet(join(o.dir, "access"))).distinct();
  const purchase = await spark.read.parquet(join(o.dir, "purchase"));
  const user = await spark.read.parquet(join(o.dir, "user"));
  const dau = await access.agg(countDistinct(col("a_uid")).as("dau")).collect();
  const logins = access.where(col("a_id").equalTo(lit("login"))).groupBy(col("a_uid").as("l_uid")).agg(count(lit(1)).as("logins"));
  const buys = purchase.groupBy(col("p_uid").as("b_uid")).agg(sum(col("p_amount")).as("amount"), count(lit(1)).as("purchases"));
  const dimension = user
    .join(logins, col("u_id").equalTo(col("l_uid")), "left")
    .join(buys, col("u_id").equalTo(col("b_uid")), "left")
    .select(col("u_id"), col("u_name"), coalesce(col("logins"), lit(0)).as("logins"), coalesce(col("amount"), lit(0)).as("amount"));
  const summary = await dimension.agg(count(lit(1)).as("users"), sum(col("logins")).as("logins"), sum(col("amount")).as("amount")).collect();
  return plain({ dau, summary });
}

/**
 * One timed run of the pipeline (in a fresh child process), from the session's creation; with
 * `o.warm`, the pipeline runs once untimed first on the same session (a long-lived service's case:
 * threads started, code compiled), and peak RSS covers both runs.
 */
async function runPipeline(o: Options, executor: Executor, name: string): Promise<RunResult> {
  const spark = Session.builder().use(io()).executor(executor).config("spark.sql.session.timeZone", "Asia/Seoul").getOrCreate();
  try {
    if (o.warm) await pipeline(o, spark);
    const t0 = process.hrtime.bigint();
    const answers = await pipeline(o, spark);
    const millis = Number(process.hrtime.bigint() - t0) / 1e6;
    return { executor: name, millis, peakRssMiB: peakRss() / 2 ** 20, answers };
  } finally {
    await spark.stop();
  }
}

/** The child's arguments for one run of `name`. */
function childArgs(name: string): string[] {
  const script = fileURLToPath(import.meta.url);
  return [...(process.env["LGDE_BENCH_NODE_ARGS"] ?? "").split(" ").filter(Boolean), script, ...process.argv.slice(2), "--child", name];
}

function parseRun(name: string, status: number | null, stdout: string, stderr: string): RunResult {
  if (status !== 0) throw new Error(`the ${name} run failed (status ${status}):\n${stderr}`);
  return JSON.parse(stdout.trim().split("\n").pop()!) as RunResult;
}

function runChild(name: string): RunResult {
  const r = spawnSync(process.execPath, childArgs(name), { encoding: "utf8", maxBuffer: 1 << 24 });
  return parseRun(name, r.status, r.stdout, r.stderr);
}

/** `count` children of `name` started together; if one fails, the others are killed before the error is thrown. */
async function runChildrenAtOnce(name: string, count: number): Promise<RunResult[]> {
  const children = Array.from({ length: count }, () => spawn(process.execPath, childArgs(name), { stdio: ["ignore", "pipe", "pipe"] }));
  const done = children.map((c) => new Promise<RunResult>((resolve, reject) => {
    let out = "", err = "";
    c.stdout.setEncoding("utf8").on("data", (d: string) => { out += d; });
    c.stderr.setEncoding("utf8").on("data", (d: string) => { err += d; });
    c.on("error", reject);
    c.on("close", (status) => { try { resolve(parseRun(name, status, out, err)); } catch (e) { reject(e); } });
  }));
  done.forEach((p) => p.catch(() => { for (const c of children) if (c.exitCode === null) c.kill(); }));
  const settled = await Promise.allSettled(done);
  const failed = settled.find((r) => r.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<RunResult>).value);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.child !== null) {
    const r = await runPipeline(o, o.child === "local" ? local() : workers({ threads: o.threads }), o.child);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  await generate(o);
  const results: RunResult[] = [];
  /** Per round, the mean time of `threads` local runs started together. */
  const copies: number[] = [];
  // Alternate the executors so that load from other processes on the machine hits both alike.
  for (let i = 0; i < o.runs; i++) {
    for (const name of i % 2 === 0 ? ["local", "workers"] : ["workers", "local"]) {
      const res = runChild(name);
      console.error(`run ${i + 1} ${name}: ${res.millis.toFixed(0)} ms, peak RSS ${res.peakRssMiB.toFixed(0)} MiB`);
      results.push(res);
    }
    if (o.ceiling) {
      const side = await runChildrenAtOnce("local", o.threads);
      copies.push(side.reduce((a, r) => a + r.millis, 0) / side.length);
      console.error(`run ${i + 1} ${o.threads} local runs at once: ${side.map((r) => r.millis.toFixed(0)).join(", ")} ms`);
      results.push(...side.map((r) => ({ ...r, executor: "copies" })));
    }
  }
  const of = (name: string) => results.filter((r) => r.executor === name);
  const [l, w] = [of("local"), of("workers")];
  const answers = new Set(results.map((r) => JSON.stringify(r.answers)));
  if (answers.size !== 1) throw new Error(`the executors disagree: ${[...answers].join(" vs ")}`);
  const lm = median(l.map((r) => r.millis)), wm = median(w.map((r) => r.millis));
  const lr = median(l.map((r) => r.peakRssMiB)), wr = median(w.map((r) => r.peakRssMiB));
  const cm = copies.length > 0 ? median(copies) : null;
  console.log(JSON.stringify({
    rows: o.rows, customers: o.customers, runs: o.runs, threads: o.threads, warm: o.warm,
    localMedianMs: Math.round(lm), workersMedianMs: Math.round(wm), speedup: Number((lm / wm).toFixed(2)),
    ...(cm === null ? {} : { copiesMedianMs: Math.round(cm), ceiling: Number(((o.threads * lm) / cm).toFixed(2)) }),
    localPeakRssMiB: Math.round(lr), workersPeakRssMiB: Math.round(wr), rssRatio: Number((wr / lr).toFixed(2)),
    answers: results[0]!.answers,
  }, null, 2));
}

await main();
