// Test helpers: small file-based shops in temporary folders, and readers for the warehouse outputs.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "@lgde/io";
import { fileSources, type ShopSources } from "../../src/index.js";
import { dayStart } from "../../src/demo/zone-time.js";

export interface UserRow { u_id: number; u_name: string; u_gender: string; u_signup: number }
export interface PurchaseRow { p_time: number | string; p_uid: number; p_id?: number; p_name?: string; p_amount: number }

export interface TinyShop {
  readonly dir: string;
  readonly warehouse: string;
  readonly sources: ShopSources;
  readonly accessLog: string;
}

/** A temporary folder. */
export function tempDir(prefix = "lgde-jobs-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Epoch seconds of `day` at `hh:mm:ss` in `zone`. */
export function at(day: string, time: string, zone = "Asia/Seoul"): number {
  const [h, m, s] = time.split(":").map(Number) as [number, number, number];
  return dayStart(day, zone) + h * 3600 + m * 60 + s;
}

/**
 * Writes CSV day tables and an access log. `log` lines are raw text (after the header), so tests can
 * write bad ones.
 */
export function tinyShop(spec: {
  users: Record<string, readonly UserRow[]>;
  purchases: Record<string, readonly PurchaseRow[]>;
  log: readonly string[];
}): TinyShop {
  const dir = tempDir();
  const tables = join(dir, "tables");
  mkdirSync(tables);
  for (const [day, rows] of Object.entries(spec.users)) {
    const lines = ["u_id,u_name,u_gender,u_signup", ...rows.map((r) => `${r.u_id},${r.u_name},${r.u_gender},${r.u_signup}`)];
    writeFileSync(join(tables, `user_${day}.csv`), lines.join("\n") + "\n");
  }
  for (const [day, rows] of Object.entries(spec.purchases)) {
    const lines = [
      "p_time,p_uid,p_id,p_name,p_amount",
      ...rows.map((r) => `${r.p_time},${r.p_uid},${r.p_id ?? 2000},${r.p_name ?? "LG TV"},${r.p_amount}`),
    ];
    writeFileSync(join(tables, `purchase_${day}.csv`), lines.join("\n") + "\n");
  }
  const accessLog = join(dir, "access.csv");
  writeFileSync(accessLog, ["a_time,a_uid,a_id", ...spec.log].join("\n") + "\n");
  return { dir, warehouse: join(dir, "warehouse"), accessLog, sources: fileSources({ dir: tables, format: "csv", accessLog }) };
}

/** Every data file of a partition directory (sorted by name), skipping hidden and marker files. */
export function dataFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`no partition ${dir}`);
  return readdirSync(dir)
    .filter((f) => !f.startsWith(".") && !f.startsWith("_"))
    .sort()
    .map((f) => join(dir, f));
}

/** The JSON-lines records of a partition directory. */
export function readJsonLines(dir: string): Record<string, unknown>[] {
  return dataFiles(dir).flatMap((f) =>
    readFileSync(f, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>),
  );
}

/** The contents of a partition's files, sorted (file names may carry random ids; contents must not differ). */
export function partitionContents(dir: string): string[] {
  return dataFiles(dir).map((f) => readFileSync(f).toString("base64")).sort();
}

/** The rows of a Parquet partition, read with the engine, and its Arrow column types. */
export async function readParquet(dir: string): Promise<{ rows: Record<string, unknown>[]; types: Record<string, string> }> {
  const spark = Session.builder().appName("lgde-test").timeZone("UTC").executor(local()).use(io()).getOrCreate();
  try {
    const df = await spark.read.parquet(dir);
    const table = await df.toArrow();
    const types: Record<string, string> = {};
    for (const f of table.schema.fields) types[f.name] = String(f.type);
    const rows = (await df.collect()) as Record<string, unknown>[];
    return { rows, types };
  } finally {
    await spark.stop();
  }
}
