// `npm run bench -- --size small [--suite pipeline,operators,io] [--engines a,b] [--runs 5] [--seed 42]`
// Generates (or reuses) the shop, runs each engine of each suite in a fresh child process, checks that
// the answers agree, prints medians and ratios to ours, and writes JSON and an SVG per suite to results/.
// With the `spark` engine it starts the local Spark Connect server first (unless one answers or
// --no-spark-server), reports its start-up time apart from the queries, and stops it at the end.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureShop } from "./gen/generate.js";
import { SUITES, type SuiteName } from "./engines/engine.js";
import { ENGINE_NAMES, isEngineName, loadEngine } from "./engines/registry.js";
import { SPARK_URL, sparkAnswers, startSparkServer, stopSparkServer } from "./engines/spark-server.js";
import { dataRoot, resultsRoot } from "./paths.js";
import type { EngineSuiteResult } from "./runner/result.js";
import { markdownTable, tabulate } from "./report/compare.js";
import { suiteSvg } from "./report/svg.js";

const REFERENCE = "lgde-local";

interface Options {
  size: string; suites: SuiteName[]; engines: string[]; runs: number; seed: number; timeoutS: number; out: string; data: string;
  /** Start the local Spark Connect server for the `spark` engine when none answers. */
  sparkServer: boolean;
}

/** The Spark Connect server the run used: start-up time when the bench started it, or why there is none. */
interface SparkServerReport {
  readonly url: string;
  /** Milliseconds from `scripts/spark-server.sh start` until the server answered; null when not started here. */
  readonly startMs: number | null;
  readonly note: string;
}

function parse(argv: readonly string[]): Options {
  const o: Options = { size: "small", suites: [...SUITES], engines: [...ENGINE_NAMES], runs: 5, seed: 42, timeoutS: 3600, out: resultsRoot(), data: "", sparkServer: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!, v = (): string => { const x = argv[++i]; if (x === undefined) throw new Error(`${a} needs a value`); return x; };
    if (a === "--size") o.size = v();
    else if (a === "--suite" || a === "--suites") o.suites = v().split(",").map((s) => { if (!(SUITES as string[]).includes(s)) throw new Error(`unknown suite ${s}; use ${SUITES.join(",")}`); return s as SuiteName; });
    else if (a === "--engines") o.engines = v().split(",").map((e) => { if (!isEngineName(e)) throw new Error(`unknown engine ${e}; use ${ENGINE_NAMES.join(",")}`); return e; });
    else if (a === "--runs") o.runs = Math.max(1, Number(v()));
    else if (a === "--seed") o.seed = Number(v());
    else if (a === "--timeout") o.timeoutS = Number(v());
    else if (a === "--out") o.out = v();
    else if (a === "--data") o.data = v();
    else if (a === "--no-spark-server") o.sparkServer = false;
    else if (a === "--help" || a === "-h") {
      console.log("npm run bench -- --size tiny|small|medium|large [--suite pipeline,operators,io] [--engines " + ENGINE_NAMES.join(",") + "] [--runs 5] [--seed 42] [--timeout s] [--out dir] [--data dir] [--no-spark-server]\n" +
        `  spark: runs on the Spark Connect server at ${SPARK_URL} (SPARK_CONNECT_URL); when none answers, the bench starts the local one\n` +
        "  (scripts/spark-server.sh, needs Java 17 and Maven), reports its start-up time apart, and stops it at the end; with\n" +
        "  --no-spark-server it does not, and the spark engine is skipped when no server answers.");
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  if (!o.data) o.data = join(dataRoot(), o.size);
  return o;
}

/** Runs one engine's suite in a fresh node process; a crash or a timeout becomes the engine's error. */
function runChild(o: Options, engine: string, suite: SuiteName, scratch: string): Promise<EngineSuiteResult> {
  const out = join(scratch, `${engine}-${suite}.json`);
  const child = fileURLToPath(new URL("./runner/child.js", import.meta.url));
  const args = ["--max-old-space-size=16384", child, "--engine", engine, "--suite", suite, "--runs", String(o.runs), "--out", out,
    "--data", o.data, "--size", o.size, "--seed", String(o.seed), "--scratch", join(scratch, "io")];
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => { const s = d.toString(); stderr = (stderr + s).slice(-2000); process.stderr.write(s); });
    const timer = setTimeout(() => p.kill("SIGKILL"), o.timeoutS * 1000);
    p.on("close", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(out, "utf8")) as EngineSuiteResult);
      } catch {
        const why = signal === "SIGKILL" ? `killed after ${o.timeoutS} s` : `child exited with ${code ?? signal}: ${stderr.trim().split("\n").pop() ?? ""}`;
        resolve({ engine, description: "", suite, error: why, cases: [], peakRss: 0, setupMs: 0 });
      }
    });
  });
}

/**
 * Makes sure a Spark Connect server answers when the `spark` engine takes part in a selected suite:
 * starts the local one (timed) unless one answers already or the user said --no-spark-server.
 */
async function prepareSpark(o: Options): Promise<{ report: SparkServerReport | null; started: boolean }> {
  if (!o.engines.includes("spark")) return { report: null, started: false };
  const engine = await loadEngine("spark");
  if (!o.suites.some((suite) => engine[suite] !== undefined)) return { report: null, started: false };
  if (await sparkAnswers(SPARK_URL)) {
    return { report: { url: SPARK_URL, startMs: null, note: "already running (started outside the bench; start-up not timed)" }, started: false };
  }
  if (!o.sparkServer) {
    return { report: { url: SPARK_URL, startMs: null, note: "none answers and --no-spark-server: the spark engine is skipped" }, started: false };
  }
  console.error(`starting the Spark Connect server (scripts/spark-server.sh start) for the spark engine at ${SPARK_URL}`);
  try {
    const ms = await startSparkServer();
    console.error(`Spark Connect server answers after ${(ms / 1000).toFixed(1)} s`);
    return { report: { url: SPARK_URL, startMs: ms, note: "started by the bench with scripts/spark-server.sh start, timed until it answered" }, started: true };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.error(`cannot start the Spark Connect server, the spark engine will be skipped: ${why}`);
    return { report: { url: SPARK_URL, startMs: null, note: `could not be started: ${why}` }, started: false };
  }
}

function sparkLine(r: SparkServerReport): string {
  return r.startMs === null
    ? `Spark Connect server ${r.url}: ${r.note}.`
    : `Spark Connect server ${r.url}: start-up ${(r.startMs / 1000).toFixed(1)} s (${r.note}), not included in the times below; ` +
      "peak RSS is the node process only, not Spark's JVM.";
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const files = await ensureShop(o.data, o.size, o.seed, (s) => console.error(s));
  const spark = await prepareSpark(o);
  try {
    await runSuites(o, files, spark.report);
  } finally {
    if (spark.started) {
      await stopSparkServer().then(() => console.error("stopped the Spark Connect server"),
        (e: unknown) => console.error(`could not stop the Spark Connect server: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
}

async function runSuites(o: Options, files: Awaited<ReturnType<typeof ensureShop>>, sparkServer: SparkServerReport | null): Promise<void> {
  const scratch = join(tmpdir(), `lgde-bench-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  mkdirSync(o.out, { recursive: true });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
  const started = new Date().toISOString();
  for (const suite of o.suites) {
    console.error(`suite ${suite} (${o.size}, ${o.runs} runs + 1 warm-up per case)`);
    const results: EngineSuiteResult[] = [];
    for (const e of o.engines) {
      const r = await runChild(o, e, suite, scratch);
      if (r.error === "does not take part in this suite") continue;
      if (r.error !== null) console.error(`  ${e}: cannot run ${suite}: ${r.error}`);
      results.push(r);
    }
    const table = tabulate(suite, results, REFERENCE);
    const md = markdownTable(table, REFERENCE);
    const title = `${suite} — size ${o.size} (${files.size.accessRows.toLocaleString("en")} access rows), median of ${o.runs}`;
    const sparkNote = sparkServer !== null && results.some((r) => r.engine === "spark") ? `${sparkLine(sparkServer)}\n\n` : "";
    console.log(`\n### ${title}\n\n${sparkNote}${md}\n`);
    for (const [name, a] of Object.entries(table.answers)) if (a.startsWith("DISAGREE")) console.log(`${name}: ${a}`);
    const base = join(o.out, `${suite}-${o.size}`);
    writeFileSync(`${base}.json`, JSON.stringify({ suite, size: files.size, seed: o.seed, runs: o.runs, started, machine, reference: REFERENCE, sparkServer: sparkNote === "" ? undefined : sparkServer, table, results }, null, 2) + "\n");
    writeFileSync(`${base}.svg`, suiteSvg(table, title));
    writeFileSync(`${base}.md`, `### ${title}\n\n${machine}; ${started}\n\n${sparkNote}${md}\n`);
    console.error(`wrote ${base}.json, .svg, .md`);
  }
  rmSync(scratch, { recursive: true, force: true });
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
