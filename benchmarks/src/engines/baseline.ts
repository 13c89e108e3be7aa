// The hand-written baseline of the pipeline: Parquet into Arrow (parquet-wasm), then plain loops over typed
// arrays indexed by customer id. No engine: the speed a careful programmer gets by hand.
import * as arrow from "apache-arrow";
import type { ShopFiles } from "../gen/generate.js";
import { seoulTime } from "../gen/columns.js";
import { answer, type Answer, type Engine } from "./engine.js";
import { DAY_END, DAY_START, readParquetArrow } from "./shared.js";

/** A column's values, chunks concatenated. */
function ints(t: arrow.Table, name: string): Int32Array {
  return t.getChild(name)!.toArray() as Int32Array;
}
function bigs(t: arrow.Table, name: string): BigInt64Array {
  return t.getChild(name)!.toArray() as BigInt64Array;
}
function strings(t: arrow.Table, name: string): (string | null)[] {
  return t.getChild(name)!.toArray() as (string | null)[];
}

/** The day's pipeline by hand; same figures as packages/jobs/src/metrics. */
export function baselinePipeline(f: ShopFiles): Answer {
  const access = readParquetArrow(f.file("access", "parquet"));
  const purchase = readParquetArrow(f.file("purchase", "parquet"));
  const dim = readParquetArrow(f.file("dim_yesterday", "parquet"));
  const user = readParquetArrow(f.file("user", "parquet"));

  const aTime = bigs(access, "a_time"), aUid = ints(access, "a_uid");
  const aLogin = new Uint8Array(access.numRows);
  { let i = 0; for (const c of access.getChild("a_id")!.data) for (let j = 0; j < c.length; j++, i++) {
    // "login" is 5 bytes, "logout" 6: the offsets tell them apart without decoding.
    aLogin[i] = c.valueOffsets[j + 1]! - c.valueOffsets[j]! === 5 ? 1 : 0;
  } }
  const pTime = strings(purchase, "p_time"), pUid = ints(purchase, "p_uid"), pAmount = ints(purchase, "p_amount");
  const dUid = ints(dim, "d_uid"), dName = strings(dim, "d_name");
  const dAcount = bigs(dim, "d_acount"), dPamount = bigs(dim, "d_pamount"), dPcount = bigs(dim, "d_pcount"), dFirst = strings(dim, "d_first_purchase");
  const uId = ints(user, "u_id"), uName = strings(user, "u_name");

  let maxId = 0;
  for (const a of [aUid, pUid, dUid, uId]) for (let i = 0; i < a.length; i++) if (a[i]! > maxId) maxId = a[i]!;
  const n = maxId + 1;

  // Dedup: an access line is (a_time, a_uid, a_id); pack it into one exact double key.
  let minT = Infinity;
  for (let i = 0; i < aTime.length; i++) if (Number(aTime[i]) < minT) minT = Number(aTime[i]);
  const seenLine = new Set<number>();
  const inAccess = new Uint8Array(n), logins = new Int32Array(n);
  let accessRows = 0;
  for (let i = 0; i < aUid.length; i++) {
    const key = ((Number(aTime[i]) - minT) * 2 + aLogin[i]!) * n + aUid[i]!;
    if (seenLine.has(key)) continue;
    seenLine.add(key);
    accessRows++;
    inAccess[aUid[i]!] = 1;
    logins[aUid[i]!]! += aLogin[i]!;
  }

  const buyAmount = new Float64Array(n), buyCount = new Int32Array(n), buyFirst = new Float64Array(n).fill(Infinity);
  let dr = 0;
  for (let i = 0; i < pUid.length; i++) {
    const t = Number(pTime[i]);
    if (!(t >= DAY_START && t < DAY_END)) continue;
    const u = pUid[i]!;
    buyAmount[u]! += pAmount[i]!; buyCount[u]!++; dr += pAmount[i]!;
    if (t < buyFirst[u]!) buyFirst[u] = t;
  }

  const yRow = new Int32Array(n).fill(-1);
  for (let i = 0; i < dUid.length; i++) yRow[dUid[i]!] = i;
  const cRow = new Int32Array(n).fill(-1);
  for (let i = 0; i < uId.length; i++) if (cRow[uId[i]!] === -1) cRow[uId[i]!] = i;

  let dau = 0, pu = 0, dnu = 0, dfpu = 0, users = 0, named = 0, first = 0;
  let ar = 0, acount = 0, pcount = 0;
  let firstMax: string | null = null, newFirstMax = -Infinity;
  for (let u = 0; u < n; u++) {
    const y = yRow[u]!, seen = inAccess[u]!, bought = buyCount[u]! > 0;
    if (seen) { dau++; if (y < 0) dnu++; }
    if (bought) { pu++; if (y < 0 || dFirst[y] === null) dfpu++; }
    if (y < 0 && !seen && !bought) continue;
    users++;
    ar += (y >= 0 ? Number(dPamount[y]) : 0) + buyAmount[u]!;
    acount += (y >= 0 ? Number(dAcount[y]) : 0) + logins[u]!;
    pcount += (y >= 0 ? Number(dPcount[y]) : 0) + buyCount[u]!;
    const name = y >= 0 && dName[y] !== null ? dName[y] : cRow[u]! >= 0 ? uName[cRow[u]!] : null;
    if (name !== null) named++;
    const yFirst = y >= 0 ? dFirst[y]! : null;
    if (yFirst !== null) { first++; if (firstMax === null || yFirst > firstMax) firstMax = yFirst; }
    else if (bought) { first++; if (buyFirst[u]! > newFirstMax) newFirstMax = buyFirst[u]!; }
  }
  // Formatted times sort as the times: format only the latest new first purchase.
  if (newFirstMax > -Infinity) { const s = seoulTime(newFirstMax); if (firstMax === null || s > firstMax) firstMax = s; }
  return answer({ access_rows: accessRows, dau, pu, dr, dnu, dfpu, ar, users, acount, pcount, named, first, first_max: firstMax });
}

export const baselineEngine: Engine = {
  name: "hand-written",
  description: "hand-written typed-array loops over parquet-wasm's Arrow (pipeline only)",
  async pipeline(f) {
    return { cases: [{ name: "pipeline", run: async () => baselinePipeline(f) }], close: async () => undefined };
  },
};
