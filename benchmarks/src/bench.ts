// `npm run bench -- --size small [--suite pipeline,operators,io] [--engines a,b] [--runs 5] [--seed 42]`
// Generates (or reuses) the shop, runs each engine of each suite in a fresh child process, checks that
// the answers agree, prints medians and ratios to ours, and writes JSON and an SVG per suite to results/.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureShop } from "./gen/generate.js";
import { SUITES, type SuiteName } from "./engines/engine.js";
import { ENGINE_NAMES, isEngineName } from "./engines/registry.js";
import { dataRoot, resultsRoot } from "./paths.js";
import type { EngineSuiteResult } from "./runner/result.js";
import { markdownTable, tabulate } from "./report/compare.js";
import { suiteSvg } from "./report/svg.js";

const REFERENCE = "lgde-local";

interface Options {
  size: string; suites: SuiteName[]; engines: string[]; runs: number; seed: number; timeoutS: number; out: string; data: string;
}

function parse(argv: readonly string[]): Options {
  const o: Options = { size: "small", suites: [...SUITES], engines: [...ENGINE_NAMES], runs: 5, seed: 42, timeoutS: 3600, out: resultsRoot(), data: "" };
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
    else if (a === "--help" || a === "-h") {
      console.log("npm run bench -- --size tiny|small|medium|large [--suite pipeline,operators,io] [--engines " + ENGINE_NAMES.join(",") + "] [--runs 5] [--seed 42] [--timeout s] [--out dir] [--data dir]");
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

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const files = await ensureShop(o.data, o.size, o.seed, (s) => console.error(s));
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
    console.log(`\n### ${title}\n\n${md}\n`);
    for (const [name, a] of Object.entries(table.answers)) if (a.startsWith("DISAGREE")) console.log(`${name}: ${a}`);
    const base = join(o.out, `${suite}-${o.size}`);
    writeFileSync(`${base}.json`, JSON.stringify({ suite, size: files.size, seed: o.seed, runs: o.runs, started, machine, reference: REFERENCE, table, results }, null, 2) + "\n");
    writeFileSync(`${base}.svg`, suiteSvg(table, title));
    writeFileSync(`${base}.md`, `### ${title}\n\n${machine}; ${started}\n\n${md}\n`);
    console.error(`wrote ${base}.json, .svg, .md`);
  }
  rmSync(scratch, { recursive: true, force: true });
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
