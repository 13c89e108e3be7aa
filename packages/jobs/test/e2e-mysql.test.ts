// End to end against MariaDB: the course's SQL loaded into a fresh database, `lgde run` in-process and as a
// child process, compared with the expected figures, dimension and served rows. Runs whenever MySQL is up;
// under CI=true it must run (an unreachable server fails).
import { afterAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { mysqlSources, runRange } from "../src/index.js";
import { COURSE_ACCESS_LOG, COURSE_DAYS, COURSE_SQL, expectCourseDay, expected } from "./helpers/course.js";
import { tempDir } from "./helpers/shop.js";

const HOST = process.env["LGDE_TEST_MYSQL_HOST"] ?? "127.0.0.1";
const ROOT = { host: HOST, port: 3306, user: "root", password: "" };
const CI = process.env["CI"] === "true";

async function reachable(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ ...ROOT, connectTimeout: 3000 });
    await c.end();
    return true;
  } catch (e) {
    if (CI) throw new Error(`CI=true but MySQL at ${HOST}:3306 is unreachable: ${(e as Error).message}`);
    return false;
  }
}

const up = await reachable();
const db = `lgde_e2e_${randomBytes(4).toString("hex")}`;
const url = `mysql://root@${HOST}:3306/${db}`;
const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "lgde.js");

async function loadCourse(): Promise<void> {
  const sql = readFileSync(COURSE_SQL, "utf8").replaceAll("testdb", db);
  const c = await mysql.createConnection({ ...ROOT, multipleStatements: true });
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function servedRows(): Promise<Record<string, unknown>[]> {
  const c = await mysql.createConnection({ ...ROOT, database: db });
  try {
    const [rows] = await c.query("SELECT * FROM lgde ORDER BY dt");
    // §5: the key is dt CHAR(10) 'yyyy-MM-dd'.
    const [cols] = await c.query("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'lgde' AND COLUMN_NAME = 'dt'");
    expect((cols as { COLUMN_TYPE: string }[])[0]?.COLUMN_TYPE.toLowerCase()).toBe("char(10)");
    return rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

function expectServed(rows: Record<string, unknown>[]): void {
  expect(rows.map((r) => r["dt"])).toEqual(["2020-10-25", "2020-10-26"]);
  for (const [i, day] of COURSE_DAYS.entries()) {
    const row = rows[i] as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected(day).metrics)) expect(Number(row[k]), `lgde.${k} of ${day}`).toBeCloseTo(v, 6);
  }
}

// Both executors must give the course's figures (issue: "the same with --executor workers").
const EXECUTORS = ["local", "workers"] as const;

describe.skipIf(!up).each(EXECUTORS)("e2e on MySQL with the %s executor", (executor) => {
  afterAll(async () => {
    const c = await mysql.createConnection(ROOT);
    await c.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await c.end();
  });

  it("runs the course's days in-process", async () => {
    await loadCourse();
    const warehouse = tempDir();
    const sources = mysqlSources({ url, accessLog: COURSE_ACCESS_LOG });
    const days = await runRange({ warehouse, sources, from: "20201025", to: "20201026", firstDay: true, executor });
    expect(days.map((d) => d.metrics.served)).toEqual([true, true]);
    for (const day of COURSE_DAYS) await expectCourseDay(warehouse, day);
    expectServed(await servedRows());
  });

  it("runs the course's days through the CLI, replacing the served rows", async () => {
    await loadCourse();
    const c = await mysql.createConnection({ ...ROOT, database: db });
    // A stale row for a day, and another day's row that must survive.
    await c.query("UPDATE lgde SET dau = -1 WHERE dt = '2020-10-25'").catch(() => undefined);
    await c.end();
    const warehouse = tempDir();
    const { stdout } = await promisify(execFile)(process.execPath, [
      BIN, "run", "--from", "20201025", "--to", "20201026", "--first-day",
      "--mysql", url, "--access-log", COURSE_ACCESS_LOG, "--warehouse", warehouse, "--executor", executor,
    ]);
    expect(stdout).toContain("20201026");
    for (const day of COURSE_DAYS) await expectCourseDay(warehouse, day);
    expectServed(await servedRows());
  });

  it("names a missing table", async () => {
    await loadCourse();
    const sources = mysqlSources({ url, accessLog: COURSE_ACCESS_LOG });
    await expect(runRange({ warehouse: tempDir(), sources, from: "20201027", to: "20201027", firstDay: true, executor })).rejects.toThrow(/user_20201027/);
  });
});
