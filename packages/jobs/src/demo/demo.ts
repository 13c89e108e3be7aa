// The whole pipeline on a generated shop, with no server: generate, then ingest + metrics for every day.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_TIME_ZONE, silentReporter, type ExecutorName, type JobReporter } from "../config.js";
import { runRange, type DaySummary } from "../run.js";
import { generateShop, type GeneratedShop } from "./generate.js";

export interface DemoOptions {
  readonly days?: number;
  readonly users?: number;
  /** Folder for the shop and its warehouse (default: a new temporary folder). */
  readonly dir?: string;
  readonly seed?: number;
  readonly timeZone?: string;
  readonly executor?: ExecutorName;
  readonly reporter?: JobReporter;
  readonly onDay?: (day: DaySummary) => void;
}

export interface DemoResult {
  readonly shop: GeneratedShop;
  readonly warehouse: string;
  readonly days: readonly DaySummary[];
}

/** Generates a shop under `dir/shop`, runs every day into `dir/warehouse` (the first day is the opening). */
export async function demo(options: DemoOptions = {}): Promise<DemoResult> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "lgde-demo-"));
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const reporter = options.reporter ?? silentReporter;
  reporter.progress(`demo: generating a shop in ${dir}`);
  const shop = await generateShop({
    dir: join(dir, "shop"), days: options.days, users: options.users, seed: options.seed, timeZone,
  });
  const warehouse = join(dir, "warehouse");
  const days = await runRange({
    from: shop.days[0] as string,
    to: shop.days[shop.days.length - 1] as string,
    firstDay: true,
    warehouse,
    timeZone,
    executor: options.executor,
    sources: shop.sources,
    servingUrl: null,
    reporter,
    onDay: options.onDay,
  });
  return { shop, warehouse, days };
}
