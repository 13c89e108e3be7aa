// Issue #2's first benchmark: group-by-count and count-distinct over 10M int32 keys, and a left join
// of 1M x 1M rows, on the local executor, against a hand-written typed-array loop doing the same work
// in the same process. Prints rows/s and the ratio (ours / hand-written time), medians of several runs.
import * as arrow from "apache-arrow";
import { Session, col, count, countDistinct } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { median, mulberry32, timeIt } from "./util/measure.js";

const N = Number(process.env.BENCH_ROWS ?? 10_000_000);
const JOIN_N = Number(process.env.BENCH_JOIN_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KEYS = 1_000_000;

function makeKeys(n: number, distinct: number, seed: number): Int32Array {
  const rnd = mulberry32(seed);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.floor(rnd() * distinct);
  return a;
}

// The speed of light: the same work with typed arrays and a Map, no engine.
function handGroupCount(keys: Int32Array): number {
  const counts = new Int32Array(KEYS);
  for (let i = 0; i < keys.length; i++) counts[keys[i]!]!++;
  let groups = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) groups++;
  return groups;
}
function handGroupCountMap(keys: Int32Array): number {
  const m = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) { const k = keys[i]!; m.set(k, (m.get(k) ?? 0) + 1); }
  return m.size;
}
// Typed-array versions that rely on the keys being small non-negative ints (the true speed of light here).
function denseCountDistinct(keys: Int32Array): number {
  const seen = new Uint8Array(KEYS);
  let n = 0;
  for (let i = 0; i < keys.length; i++) { const k = keys[i]!; if (seen[k] === 0) { seen[k] = 1; n++; } }
  return n;
}
function denseLeftJoin(l: Int32Array, r: Int32Array, rv: Int32Array): number {
  // Counting sort of the right side by key: head offsets into a permutation.
  const counts = new Int32Array(JOIN_N + 1);
  for (let i = 0; i < r.length; i++) counts[r[i]! + 1]!++;
  for (let k = 0; k < JOIN_N; k++) counts[k + 1]! += counts[k]!;
  const perm = new Int32Array(r.length);
  const fill = counts.slice();
  for (let i = 0; i < r.length; i++) perm[fill[r[i]!]!++] = i;
  let out = 0, checksum = 0;
  for (let i = 0; i < l.length; i++) {
    const k = l[i]!, s = counts[k]!, e = counts[k + 1]!;
    if (s === e) out++;
    else for (let j = s; j < e; j++) { out++; checksum += rv[perm[j]!]!; }
  }
  return out + (checksum & 0);
}
function handCountDistinct(keys: Int32Array): number {
  const s = new Set<number>();
  for (let i = 0; i < keys.length; i++) s.add(keys[i]!);
  return s.size;
}
function handLeftJoin(l: Int32Array, r: Int32Array, rv: Int32Array): number {
  const idx = new Map<number, number[]>();
  for (let i = 0; i < r.length; i++) { const k = r[i]!; const b = idx.get(k); if (b) b.push(i); else idx.set(k, [i]); }
  let out = 0;
  let checksum = 0;
  for (let i = 0; i < l.length; i++) {
    const b = idx.get(l[i]!);
    if (b) { for (const j of b) { out++; checksum += rv[j]!; } } else out++;
  }
  return out + (checksum & 0);
}

async function main(): Promise<void> {
  const spark = Session.builder().executor(local()).getOrCreate();
  const keys = makeKeys(N, KEYS, 1);
  const table = arrow.tableFromArrays({ k: keys });
  const df = spark.createDataFrame(table);
  const lk = makeKeys(JOIN_N, JOIN_N, 2), rk = makeKeys(JOIN_N, JOIN_N, 3), rv = makeKeys(JOIN_N, 1000, 4);
  const left = spark.createDataFrame(arrow.tableFromArrays({ lk }));
  const right = spark.createDataFrame(arrow.tableFromArrays({ rk, rv }));

  const cases: { name: string; rows: number; ours: () => Promise<number>; hand: () => number; dense: () => number }[] = [
    { name: "group-by-count (10M int32, 1M keys)", rows: N,
      ours: async () => (await df.groupBy("k").agg(count("*").as("n")).count()), hand: () => handGroupCountMap(keys), dense: () => handGroupCount(keys) },
    { name: "count-distinct (10M int32)", rows: N,
      ours: async () => Number((await df.agg(countDistinct("k").as("n")).collect())[0]!.n), hand: () => handCountDistinct(keys), dense: () => denseCountDistinct(keys) },
    { name: "left join (1M x 1M int32)", rows: 2 * JOIN_N,
      ours: async () => left.join(right, col("lk").equalTo(col("rk")), "left").count(), hand: () => handLeftJoin(lk, rk, rv), dense: () => denseLeftJoin(lk, rk, rv) },
  ];
  console.log(`rows=${N}, join rows=${JOIN_N}, runs=${RUNS} (medians of interleaved runs)`);
  console.log("| case | ours (ms) | ours rows/s | hand-written Map/Set (ms) | ours/Map | typed-array, dense keys (ms) | ours/dense |");
  console.log("|---|---|---|---|---|---|---|");
  for (const c of cases) {
    const expected = c.hand();
    const got = await c.ours();
    if (got !== expected || c.dense() !== expected) throw new Error(`${c.name}: engine gave ${got}, hand-written gave ${expected}, dense ${c.dense()}`);
    const ours: number[] = [], hand: number[] = [], dense: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await timeIt(c.ours));
      hand.push(await timeIt(async () => c.hand()));
      dense.push(await timeIt(async () => c.dense()));
    }
    const o = median(ours), h = median(hand), d = median(dense);
    console.log(`| ${c.name} | ${o.toFixed(0)} | ${(c.rows / (o / 1000)).toExponential(2)} | ${h.toFixed(0)} | ${(o / h).toFixed(2)}x | ${d.toFixed(0)} | ${(o / d).toFixed(2)}x |`);
  }
  await spark.stop();
}

await main();
