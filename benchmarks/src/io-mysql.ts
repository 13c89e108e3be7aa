// Issue #3's MariaDB figure: read 1 million rows of the access-log shape from MariaDB into record batches
// with `spark.read.mysql` (streaming, and split into 4 ranges), against plain mysql2 streaming the same
// rows into JS objects, in the same process. Prints rows/s and peak RSS. MariaDB: $LGDE_BENCH_MYSQL
// (default mysql://root@127.0.0.1:3306); the table is created once in database lgde_bench.
import mysqlCallbacks from "mysql2";
import mysql from "mysql2/promise";
import { Session, count, countDistinct } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "@lgde/io";
import { median, peakRss, timeIt } from "./util/measure.js";

const ROWS = Number(process.env["BENCH_MYSQL_ROWS"] ?? 1_000_000);
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const SERVER = process.env["LGDE_BENCH_MYSQL"] ?? "mysql://root@127.0.0.1:3306";
const DB = "lgde_bench";
const URL = `${SERVER}/${DB}`;

const peakRssMiB = (): number => peakRss() / 2 ** 20;

async function prepare(): Promise<void> {
  const c = await mysql.createConnection({ uri: SERVER, multipleStatements: true });
  try {
    await c.query(`CREATE DATABASE IF NOT EXISTS ${DB}`);
    const [rows] = await c.query(`SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'access'`, [DB]);
    const exists = (rows as { n: number }[])[0]!.n > 0;
    const [cnt] = exists ? await c.query(`SELECT COUNT(*) AS n FROM ${DB}.access`) : [[{ n: 0 }]];
    if (Number((cnt as { n: number }[])[0]!.n) === ROWS) return;
    process.stderr.write(`creating ${DB}.access with ${ROWS} rows...\n`);
    // MariaDB's Sequence engine generates the rows server-side: seq_1_to_N.
    await c.query(`USE ${DB}; DROP TABLE IF EXISTS ${DB}.access;
      CREATE TABLE ${DB}.access (id INT PRIMARY KEY, a_time BIGINT NOT NULL, a_uid INT NOT NULL, a_id VARCHAR(10) NOT NULL);
      INSERT INTO ${DB}.access SELECT seq, 1603551600 + seq % 86400, seq % 100000, IF(seq % 2 = 0, 'login', 'logout') FROM seq_1_to_${ROWS};`);
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  await prepare();
  const spark = Session.builder().executor(local()).use(io()).getOrCreate();
  const streaming = async () => {
    const df = await spark.read.mysql(URL, "access");
    return (await df.agg(count("*").as("n"), countDistinct("a_uid").as("u")).collect())[0]!;
  };
  const split = async () => {
    const df = await spark.read.mysql(URL, "access", { splitBy: "id", numPartitions: 4 });
    return (await df.agg(count("*").as("n"), countDistinct("a_uid").as("u")).collect())[0]!;
  };
  const plain = async () => {
    const c = mysqlCallbacks.createConnection({ uri: URL });
    const uids = new Set<number>();
    let n = 0;
    await new Promise<void>((resolve, reject) => {
      const s = c.query("SELECT a_time, a_uid, a_id FROM access").stream();
      s.on("data", (r: { a_uid: number }) => { n++; uids.add(r.a_uid); });
      s.on("end", () => resolve());
      s.on("error", reject);
    });
    await new Promise<void>((resolve) => c.end(() => resolve()));
    return { n, u: uids.size };
  };
  const cases = [["ours, one stream", streaming], ["ours, split into 4 ranges", split], ["mysql2 streaming rows (baseline)", plain]] as const;
  for (const [name, fn] of cases) {
    const r = await fn();
    if (Number(r.n) !== ROWS) throw new Error(`${name}: read ${String(r.n)} rows, expected ${ROWS}`);
  }
  const times = new Map<string, number[]>(cases.map(([n]) => [n, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, fn] of cases) times.get(name)!.push(await timeIt(fn));
  console.log(`MariaDB read of ${ROWS} rows (a_time bigint, a_uid int, a_id varchar), ${RUNS} interleaved runs, medians; peak RSS of the process ${peakRssMiB().toFixed(0)} MiB`);
  console.log("| reader | median (ms) | rows/s |");
  console.log("|---|---|---|");
  for (const [name] of cases) {
    const m = median(times.get(name)!);
    console.log(`| ${name} | ${m.toFixed(0)} | ${(ROWS / (m / 1000)).toExponential(2)} |`);
  }
  await spark.stop();
}

await main();
