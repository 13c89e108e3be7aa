// One child process: one engine, one suite. Set up, then for each case a warm-up and `runs` timed runs;
// writes an EngineSuiteResult as JSON to the file given by --out.
import { writeFileSync } from "node:fs";
import { shopFiles } from "../gen/generate.js";
import { shopSize } from "../gen/sizes.js";
import type { SuiteName } from "../engines/engine.js";
import { isEngineName, loadEngine } from "../engines/registry.js";
import type { CaseResult, EngineSuiteResult } from "./result.js";
import { peakRss } from "../util/measure.js";

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300);

const args = process.argv.slice(2);
const opt = (name: string): string => {
  const i = args.indexOf(`--${name}`);
  if (i < 0 || args[i + 1] === undefined) throw new Error(`child: --${name} is required`);
  return args[i + 1]!;
};
const engineName = opt("engine"), suite = opt("suite") as SuiteName, runs = Number(opt("runs")), out = opt("out");
const files = shopFiles(opt("data"), shopSize(opt("size")), Number(opt("seed")));
const only = args.includes("--case") ? opt("case") : null;

async function main(): Promise<EngineSuiteResult> {
  if (!isEngineName(engineName)) throw new Error(`unknown engine ${engineName}`);
  const engine = await loadEngine(engineName);
  const base = { engine: engine.name, description: engine.description, suite };
  const make = engine[suite];
  if (make === undefined) return { ...base, error: "does not take part in this suite", cases: [], peakRss: peakRss(), setupMs: 0 };
  const t0 = performance.now();
  let es;
  try {
    es = await make(files, opt("scratch"));
  } catch (e) {
    return { ...base, error: `set-up failed: ${message(e)}`, cases: [], peakRss: peakRss(), setupMs: 0 };
  }
  const setupMs = performance.now() - t0;
  const cases: CaseResult[] = [];
  for (const c of es.cases) {
    if (only !== null && c.name !== only) continue;
    try {
      const warm = await c.run();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await c.run();
        times.push(performance.now() - s);
      }
      const answer = c.verify ? await c.verify() : warm ?? null;
      cases.push({ name: c.name, times, answer, error: null });
    } catch (e) {
      cases.push({ name: c.name, times: [], answer: null, error: message(e) });
    }
    process.stderr.write(`  ${engine.name} ${suite}: ${c.name} done\n`);
  }
  await es.close().catch(() => undefined);
  return { ...base, error: null, cases, peakRss: peakRss(), setupMs };
}

main().then(
  (r) => { writeFileSync(out, JSON.stringify(r)); process.exit(0); },
  (e: unknown) => {
    writeFileSync(out, JSON.stringify({ engine: engineName, description: "", suite, error: message(e), cases: [], peakRss: peakRss(), setupMs: 0 }));
    process.exit(0);
  },
);
