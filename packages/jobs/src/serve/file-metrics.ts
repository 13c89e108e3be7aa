// Metrics from the warehouse's JSON lines files R/kpi/dt=D/*.json (one object per day).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { paths } from "../paths.js";
import { toMetricRow, type MetricRow } from "./metric-row.js";
import type { DayRange } from "./params.js";

const PARTITION = /^dt=(\d{8})$/;

async function listOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    // No warehouse yet, or no metrics yet: nothing to serve, which the page says.
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** The data files of a partition: `*.json`, skipping hidden and temporary ones (`.x`, `_x`, as Spark does). */
function isDataFile(name: string): boolean {
  return name.endsWith(".json") && !name.startsWith(".") && !name.startsWith("_");
}

/** Day D's row from `R/kpi/dt=D/`, undefined if the partition is missing or empty; an error if it holds more than one day's row. */
export async function readKpiDay(warehouse: string, day: string): Promise<MetricRow | undefined> {
  const dir = paths.kpi(warehouse, day);
  const rows: MetricRow[] = [];
  for (const name of (await listOrEmpty(dir)).filter(isDataFile).sort()) {
    const file = join(dir, name);
    const lines = (await readFile(file, "utf8")).split("\n");
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      const where = `${file} line ${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(`${where}: not JSON (${(e as Error).message})`, { cause: e });
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${where}: not a JSON object`);
      const record = value as Record<string, unknown>;
      if (record["dt"] !== undefined && record["dt"] !== day) {
        throw new Error(`${where}: dt ${JSON.stringify(record["dt"])} does not match the partition dt=${day}`);
      }
      rows.push(toMetricRow(record, day, where));
    });
  }
  if (rows.length > 1) throw new Error(`${dir}: ${rows.length} metric rows for day ${day}, expected one`);
  return rows[0];
}

/** The days of `R/kpi/` within `range`, in date order. */
export async function readKpiRange(warehouse: string, range: DayRange): Promise<MetricRow[]> {
  const days = (await listOrEmpty(join(warehouse, "kpi")))
    .map((name) => PARTITION.exec(name)?.[1])
    .filter((d): d is string => d !== undefined)
    .filter((d) => (range.from === undefined || d >= range.from) && (range.to === undefined || d <= range.to))
    .sort();
  const out: MetricRow[] = [];
  for (const d of days) {
    const row = await readKpiDay(warehouse, d);
    if (row !== undefined) out.push(row);
  }
  return out;
}
