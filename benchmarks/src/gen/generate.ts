// The seeded generator of the LGDE shop: customers, day D's purchases (some of D-1), day D's raw access log
// with duplicated lines, and yesterday's user dimension summarising the HISTORY_DAYS days before D.
// Every table is written as Parquet, JSON lines and CSV under `<dir>/`, and a manifest keys the data by
// seed and size so that a later run reuses it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as arrow from "apache-arrow";
import { mulberry32 } from "../util/measure.js";
import { int32, int64, seoulTime, utf8 } from "./columns.js";
import { DAY, DAY_START, HISTORY_DAYS, YESTERDAY, shopSize, type ShopSize } from "./sizes.js";
import { csvWriter, jsonLinesWriter, parquetWriter, type BatchWriter } from "./writers.js";

/** Bump when the generated data changes shape or distribution: old data is regenerated. */
const GENERATOR_VERSION = 1;
const BATCH = 1 << 20;

/** The tables, each as `<table>.parquet`, `<table>.jsonl`, `<table>.csv`. */
export const TABLES = ["user", "purchase", "access", "dim_yesterday"] as const;
export type TableName = (typeof TABLES)[number];
export type FileFormat = "parquet" | "jsonl" | "csv";

/** Where the generated files of one shop are. */
export interface ShopFiles {
  readonly dir: string;
  readonly size: ShopSize;
  readonly seed: number;
  file(table: TableName, format: FileFormat): string;
}

interface Manifest {
  readonly version: number;
  readonly seed: number;
  readonly size: ShopSize;
  readonly rows: Readonly<Record<TableName, number>>;
}

export function shopFiles(dir: string, size: ShopSize, seed: number): ShopFiles {
  return { dir, size, seed, file: (t, f) => join(dir, `${t}.${f}`) };
}

type Progress = (table: string, done: number, total: number) => void;

/** A progress line rewritten in place on a TTY; nothing otherwise (logs stay clean). */
function ttyProgress(label: string): Progress {
  if (!process.stderr.isTTY) return () => undefined;
  return (table, done, total) => {
    const pct = total ? Math.floor((100 * done) / total) : 100;
    process.stderr.write(`\r${label}: ${table} ${(done / 1e6).toFixed(1)}M/${(total / 1e6).toFixed(1)}M rows (${pct}%)   `);
    if (done >= total && table === "access") process.stderr.write("\n");
  };
}

/**
 * The shop of `sizeName` and `seed` in `dir`: reused when `dir/manifest.json` matches, generated otherwise
 * (into a temporary folder renamed into place, so an interrupted run leaves no half data).
 */
export async function ensureShop(dir: string, sizeName: string, seed: number, log: (s: string) => void = () => undefined): Promise<ShopFiles> {
  const size = shopSize(sizeName);
  const files = shopFiles(dir, size, seed);
  const manifestPath = join(dir, "manifest.json");
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    if (m.version === GENERATOR_VERSION && m.seed === seed && m.size.name === size.name && m.size.accessRows === size.accessRows) {
      log(`data: reusing ${dir} (seed ${seed}, size ${size.name})`);
      return files;
    }
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  log(`data: generating ${size.name} (seed ${seed}, ${size.accessRows} access rows) into ${dir}`);
  const t0 = Date.now();
  const rows = await generate(shopFiles(tmp, size, seed), ttyProgress(`generating ${size.name}`));
  const manifest: Manifest = { version: GENERATOR_VERSION, seed, size, rows };
  writeFileSync(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`data: generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return files;
}

async function writeTable(files: ShopFiles, table: TableName, total: number, progress: Progress,
  batchAt: (start: number, n: number) => arrow.RecordBatch): Promise<number> {
  const writers: BatchWriter[] = [
    await parquetWriter(files.file(table, "parquet")), jsonLinesWriter(files.file(table, "jsonl")), csvWriter(files.file(table, "csv")),
  ];
  for (let start = 0; start < total; start += BATCH) {
    const batch = batchAt(start, Math.min(BATCH, total - start));
    for (const w of writers) await w.write(batch);
    progress(table, start + batch.numRows, total);
  }
  for (const w of writers) await w.close();
  return total;
}

function batchOf(columns: Record<string, arrow.Vector>): arrow.RecordBatch {
  return new arrow.Table(columns).batches[0]!;
}

/** Generates every table; returns the row counts. */
async function generate(files: ShopFiles, progress: Progress): Promise<Record<TableName, number>> {
  const { size, seed } = files;
  const users = size.users;
  // Ids beyond `users` (2%) appear in the access log and purchases but not in the customer table.
  const idSpace = Math.floor(users * 1.02);
  const genders = ["M", "F"];

  const ur = mulberry32(seed * 7 + 1);
  const user = await writeTable(files, "user", users, progress, (start, n) => {
    const id = new Int32Array(n), signup = new Int32Array(n);
    const name: string[] = new Array(n), gender: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      id[i] = start + i + 1;
      name[i] = `user_${start + i + 1}`;
      gender[i] = genders[ur() < 0.5 ? 0 : 1]!;
      signup[i] = 20201025 + Math.floor(ur() * (HISTORY_DAYS + 1));
    }
    return batchOf({ u_id: int32(id), u_name: utf8(name), u_gender: utf8(gender), u_signup: int32(signup), dt: utf8(new Array<string>(n).fill(DAY)) });
  });

  // Yesterday's dimension: 60% of the customers, some with a null name, half of them having bought before.
  const dr = mulberry32(seed * 7 + 2);
  const members: number[] = [];
  for (let u = 1; u <= users; u++) if (dr() < 0.6) members.push(u);
  const dim = await writeTable(files, "dim_yesterday", members.length, progress, (start, n) => {
    const id = new Int32Array(n), acount = new BigInt64Array(n), pamount = new BigInt64Array(n), pcount = new BigInt64Array(n);
    const name: (string | null)[] = new Array(n), gender: (string | null)[] = new Array(n), first: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const u = members[start + i]!;
      id[i] = u;
      const named = dr() >= 0.02;
      name[i] = named ? `user_${u}` : null;
      gender[i] = named ? genders[dr() < 0.5 ? 0 : 1]! : null;
      acount[i] = BigInt(1 + Math.floor(dr() * 40));
      const bought = dr() < 0.5 ? 1 + Math.floor(dr() * 10) : 0;
      pcount[i] = BigInt(bought);
      pamount[i] = BigInt(bought * 100 * (1 + Math.floor(dr() * 1000)));
      first[i] = bought ? seoulTime(DAY_START - 86_400 * HISTORY_DAYS + Math.floor(dr() * 86_400 * HISTORY_DAYS)) : null;
    }
    return batchOf({
      d_uid: int32(id), d_name: utf8(name), d_gender: utf8(gender), d_acount: int64(acount), d_pamount: int64(pamount),
      d_pcount: int64(pcount), d_first_purchase: utf8(first), dt: utf8(new Array<string>(n).fill(YESTERDAY)),
    });
  });

  // Purchases: uniform customers, 5% of the rows on D-1 (kept in the partition, filtered out by the pipeline).
  const pr = mulberry32(seed * 7 + 3);
  const purchase = await writeTable(files, "purchase", size.purchaseRows, progress, (_start, n) => {
    const uid = new Int32Array(n), pid = new Int32Array(n), amount = new Int32Array(n);
    const time: string[] = new Array(n), pname: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const earlier = pr() < 0.05;
      time[i] = String(DAY_START - (earlier ? 86_400 : 0) + Math.floor(pr() * 86_400));
      uid[i] = 1 + Math.floor(pr() * idSpace);
      pid[i] = 1 + Math.floor(pr() * size.products);
      pname[i] = `product_${pid[i]}`;
      amount[i] = 100 * (1 + Math.floor(pr() * 1000));
    }
    return batchOf({ p_time: utf8(time), p_uid: int32(uid), p_id: int32(pid), p_name: utf8(pname), p_amount: int32(amount), dt: utf8(new Array<string>(n).fill(DAY)) });
  });

  // The raw access log of day D: 70% uniform users, 30% skewed to low ids (regulars); 5% of the lines
  // repeat an earlier line of the same batch (the collector's duplicates).
  const ar = mulberry32(seed * 7 + 4);
  const access = await writeTable(files, "access", size.accessRows, progress, (_start, n) => {
    const time = new BigInt64Array(n), uid = new Int32Array(n);
    const login = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (i > 0 && ar() < 0.05) {
        const j = i - 1 - Math.floor(ar() * Math.min(i, 1000));
        time[i] = time[j]!; uid[i] = uid[j]!; login[i] = login[j]!;
        continue;
      }
      const u = ar();
      uid[i] = 1 + Math.floor(ar() < 0.7 ? u * idSpace : u * u * u * idSpace);
      time[i] = BigInt(DAY_START + Math.floor(ar() * 86_400));
      login[i] = ar() < 0.55 ? 1 : 0;
    }
    const ids: string[] = new Array(n);
    for (let i = 0; i < n; i++) ids[i] = login[i] ? "login" : "logout";
    return batchOf({ a_time: int64(time), a_uid: int32(uid), a_id: utf8(ids) });
  });
  return { user, dim_yesterday: dim, purchase, access };
}
