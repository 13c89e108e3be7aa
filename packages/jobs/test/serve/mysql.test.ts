// The server reading table `lgde` from MariaDB on 127.0.0.1:3306 (root, no password), in a database of its own.
// Under CI=true the test must run; elsewhere it is skipped when MariaDB is down.
import { randomBytes } from "node:crypto";
import { createConnection, type Connection } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/serve/index.js";
import { courseWarehouse, DAYS, METRICS, removeDir } from "./fixture.js";
import { get } from "./http.js";

const HOST = "127.0.0.1";
const PORT = 3306;
const CI = process.env["CI"] === "true";

async function mariadbUp(): Promise<boolean> {
  try {
    const c = await createConnection({ host: HOST, port: PORT, user: "root", connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const available = await mariadbUp();

describe.skipIf(!available && !CI)("serve: metrics from MySQL table lgde", () => {
  const database = `lgde_serve_${randomBytes(4).toString("hex")}`;
  const url = `mysql://root@${HOST}:${PORT}/${database}`;
  let admin: Connection;
  let warehouse: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  const logs: string[] = [];

  beforeAll(async () => {
    admin = await createConnection({ host: HOST, port: PORT, user: "root", connectTimeout: 2000, multipleStatements: false });
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
    await admin.query(
      `CREATE TABLE \`${database}\`.lgde (dt CHAR(10) PRIMARY KEY, dau BIGINT, pu BIGINT, dr BIGINT, arpu DOUBLE, arppu DOUBLE,
        daat DOUBLE, dnu BIGINT, dfpu BIGINT, ar BIGINT, users BIGINT, ltv DECIMAL(20, 6))`,
    );
    // In the table, 20201025 gets a different DAU than the files, so the source of each answer is visible.
    for (const dt of DAYS) {
      const m: Record<string, number> = { ...METRICS[dt], ...(dt === "20201025" ? { dau: 555 } : {}) };
      await admin.execute(`INSERT INTO \`${database}\`.lgde VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        `${dt.slice(0, 4)}-${dt.slice(4, 6)}-${dt.slice(6)}`,
        ...["dau", "pu", "dr", "arpu", "arppu", "daat", "dnu", "dfpu", "ar", "users", "ltv"].map((f) => m[f] ?? null),
      ]);
    }
    warehouse = await courseWarehouse();
    server = await startServer({ warehouse, mysql: url, port: 0, log: (l) => logs.push(l) });
  });

  afterAll(async () => {
    await server?.close();
    await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin?.end();
    if (warehouse !== undefined) await removeDir(warehouse);
  });

  it("logs that it reads the table", () => {
    expect(logs[0]).toBe(`serve: metrics from MySQL table lgde at ${url}`);
  });

  it("serves the table's rows in date order with dates as yyyyMMdd", async () => {
    const a = await get(server.url, "/api/metrics");
    expect(a.status).toBe(200);
    const body = a.body as { source: string; metrics: Record<string, unknown>[] };
    expect(body.source).toBe("mysql");
    expect(body.metrics.map((m) => m["dt"])).toEqual(["20201025", "20201026"]);
    expect(body.metrics[0]).toEqual({ dt: "20201025", ...METRICS["20201025"], dau: 555 });
    const second = body.metrics[1]!;
    for (const [k, v] of Object.entries(METRICS["20201026"])) expect(second[k] as number, k).toBeCloseTo(v, 5);
  });

  it("binds the range and the day as parameters", async () => {
    const range = (await get(server.url, "/api/metrics?from=20201026&to=20201030")).body as { metrics: { dt: string }[] };
    expect(range.metrics.map((m) => m.dt)).toEqual(["20201026"]);
    const day = await get(server.url, "/api/metrics/20201025");
    expect(day.body).toMatchObject({ source: "mysql", metrics: { dt: "20201025", dau: 555 } });
    expect((await get(server.url, "/api/metrics/20201027")).status).toBe(404);
    const page = await get(server.url, "/");
    expect(page.text).toContain(`MySQL · MySQL table lgde at ${url}`);
  });

  it("answers from the files, and logs it, when the table goes away", async () => {
    await admin.query(`DROP TABLE \`${database}\`.lgde`);
    const day = await get(server.url, "/api/metrics/20201025");
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({ source: "files", metrics: { dt: "20201025", dau: 5 } });
    expect(logs.some((l) => l.startsWith(`serve: MySQL table lgde at ${url} failed (`) && l.includes("answering from files"))).toBe(true);
  });
});

it("knows whether MariaDB is reachable (must be under CI=true)", () => {
  if (CI) expect(available, `MariaDB on ${HOST}:${PORT} is required under CI=true`).toBe(true);
});
