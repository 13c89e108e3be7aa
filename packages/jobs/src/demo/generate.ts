// Generates a realistic shop: customers signing up over days, sessions, purchases and an untidy access log.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_TIME_ZONE } from "../config.js";
import { addDays, checkDay, checkTimeZone } from "../dates.js";
import { PURCHASE_SOURCE_DDL, USER_SOURCE_DDL } from "../schemas.js";
import { withSession } from "../session.js";
import { fileSources, tablePath } from "../sources/file-sources.js";
import type { ShopSources } from "../sources/shop-sources.js";
import { seeded, type Random } from "./prng.js";
import { dayStart } from "./zone-time.js";

export interface GenerateShopOptions {
  /** Output folder (created). */
  readonly dir: string;
  /** Number of days (default 7). */
  readonly days?: number;
  /** Number of customers over the whole period (default 200). */
  readonly users?: number;
  /** First day (default 20201025, the shop's opening). */
  readonly startDay?: string;
  readonly seed?: number;
  readonly timeZone?: string;
}

/** What was generated, and the sources that read it. */
export interface GeneratedShop {
  readonly dir: string;
  readonly days: readonly string[];
  readonly accessLog: string;
  readonly tablesDir: string;
  readonly sources: ShopSources;
  /** Lines written to the access log, of which duplicates and malformed ones. */
  readonly accessLines: number;
  readonly duplicateLines: number;
  readonly malformedLines: number;
}

const FAMILY = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const GIVEN = ["민준", "서연", "도윤", "하은", "시우", "지유", "주원", "서아", "하준", "지호", "수아", "예준"];
const PRODUCTS: readonly { id: number; name: string; price: number }[] = [
  { id: 2000, name: "LG DIOS", price: 2000000 }, { id: 2001, name: "LG Cyon", price: 1400000 },
  { id: 2002, name: "LG TV", price: 1000000 }, { id: 2003, name: "LG Computer", price: 4500000 },
  { id: 2004, name: "LG Gram", price: 1800000 }, { id: 2005, name: "LG Styler", price: 1600000 },
  { id: 2006, name: "LG CordZero", price: 700000 }, { id: 2007, name: "LG Tone", price: 150000 },
];

interface Customer { readonly id: number; readonly name: string; readonly gender: string; readonly signup: string }
type Purchase = { readonly p_time: string; readonly p_uid: number; readonly p_id: number; readonly p_name: string; readonly p_amount: number };
interface Event { readonly time: number; readonly uid: number; readonly id: "login" | "logout" }

/** Writes `tables/user_D.parquet`, `tables/purchase_D.parquet` (today's and yesterday's sales) and `access.csv` under `dir`. */
export async function generateShop(options: GenerateShopOptions): Promise<GeneratedShop> {
  const nDays = options.days ?? 7;
  const nUsers = options.users ?? 200;
  const start = checkDay(options.startDay ?? "20201025", "start day");
  const zone = checkTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  if (!Number.isInteger(nDays) || nDays < 1) throw new Error(`days must be a positive integer, got ${nDays}`);
  if (!Number.isInteger(nUsers) || nUsers < 1) throw new Error(`users must be a positive integer, got ${nUsers}`);
  const rnd = seeded(options.seed ?? 20201025);
  const days = Array.from({ length: nDays }, (_, i) => addDays(start, i));

  // About a third sign up on the opening day, the rest spread over the following days.
  const customers: Customer[] = [];
  for (let id = 1; id <= nUsers; id++) {
    const dayIndex = nDays === 1 || rnd.chance(0.35) ? 0 : rnd.int(1, nDays - 1);
    customers.push({
      id,
      name: rnd.pick(FAMILY) + rnd.pick(GIVEN),
      gender: rnd.chance(0.5) ? "남" : "여",
      signup: days[dayIndex] as string,
    });
  }

  const events: Event[] = [];
  const purchasesByDay = new Map<string, Purchase[]>();
  for (const day of days) {
    const t0 = dayStart(day, zone);
    const t1 = dayStart(addDays(day, 1), zone);
    const bought: Purchase[] = [];
    for (const c of customers) {
      if (c.signup > day) continue;
      if (!rnd.chance(c.signup === day ? 0.9 : 0.5)) {
        // Now and then a sale arrives whose access log was lost.
        if (rnd.chance(0.01)) bought.push(purchase(rnd, c.id, rnd.int(t0, t1 - 1)));
        continue;
      }
      const sessions = rnd.int(1, 3);
      for (let s = 0; s < sessions; s++) {
        const login = rnd.int(t0, t1 - 1);
        const length = rnd.int(60, 90 * 60);
        events.push({ time: login, uid: c.id, id: "login" });
        // Most sessions end with a logout, possibly after midnight (a session open at midnight).
        if (rnd.chance(0.85)) events.push({ time: login + length, uid: c.id, id: "logout" });
        if (rnd.chance(0.25)) bought.push(purchase(rnd, c.id, Math.min(t1 - 1, login + rnd.int(0, length))));
      }
      if (rnd.chance(0.03)) events.push({ time: rnd.int(t0, t1 - 1), uid: c.id, id: "logout" });
    }
    purchasesByDay.set(day, bought);
  }
  events.sort((a, b) => a.time - b.time || a.uid - b.uid);

  // The collector's file: a header, the lines in time order, some sent twice, and a few broken ones.
  const lines = ["a_time,a_uid,a_id"];
  let duplicateLines = 0;
  let malformedLines = 0;
  for (const e of events) {
    lines.push(`${e.time},${e.uid},${e.id}`);
    if (rnd.chance(0.05)) {
      lines.push(`${e.time},${e.uid},${e.id}`);
      duplicateLines++;
    }
    if (rnd.chance(0.004)) {
      lines.push(malformed(rnd, e));
      malformedLines++;
    }
  }
  mkdirSync(options.dir, { recursive: true });
  const accessLog = join(options.dir, "access.csv");
  writeFileSync(accessLog, lines.join("\n") + "\n");

  const tablesDir = join(options.dir, "tables");
  mkdirSync(tablesDir, { recursive: true });
  await withSession(zone, "local", async (spark) => {
    for (const [i, day] of days.entries()) {
      const users = customers
        .filter((c) => c.signup <= day)
        .map((c) => ({ u_id: c.id, u_name: c.name, u_gender: c.gender, u_signup: Number(c.signup) }));
      await spark.createDataFrame(users, USER_SOURCE_DDL).write.mode("overwrite").parquet(tablePath(tablesDir, `user_${day}`, "parquet"));
      // Like the course's tables, a day's sales table also holds the previous day's rows.
      const previous = i > 0 ? (purchasesByDay.get(days[i - 1] as string) ?? []) : [];
      const sales = [...previous, ...(purchasesByDay.get(day) ?? [])];
      await spark.createDataFrame(sales, PURCHASE_SOURCE_DDL).write.mode("overwrite").parquet(tablePath(tablesDir, `purchase_${day}`, "parquet"));
    }
  });
  return {
    dir: options.dir,
    days,
    accessLog,
    tablesDir,
    sources: fileSources({ dir: tablesDir, format: "parquet", accessLog }),
    accessLines: lines.length - 1,
    duplicateLines,
    malformedLines,
  };
}

function purchase(rnd: Random, uid: number, time: number): Purchase {
  const p = rnd.pick(PRODUCTS);
  return { p_time: String(time), p_uid: uid, p_id: p.id, p_name: p.name, p_amount: p.price };
}

function malformed(rnd: Random, e: Event): string {
  return rnd.pick([
    `${e.time},${e.uid}`,
    `${e.time},${e.uid},${e.id},extra`,
    `${e.time},user${e.uid},${e.id}`,
    `${e.time},${e.uid},logon`,
    `yesterday,${e.uid},${e.id}`,
  ]);
}
