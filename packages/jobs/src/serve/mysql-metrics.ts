// Metrics from the MySQL/MariaDB table `lgde` (dt CHAR(10) 'yyyy-MM-dd', then the figures), through mysql2.
import { createPool, type Pool, type RowDataPacket } from "mysql2/promise";
import { maskUrl } from "../sources/mysql-sources.js";
import { FIGURES, toMetricRow, type MetricRow } from "./metric-row.js";
import type { DayRange } from "./params.js";

/** How long to wait for the database before serving from the files instead. */
export const CONNECT_TIMEOUT_MS = 2000;
const TABLE = "lgde";
// Only fixed names and `?` placeholders reach SQL; the client's days are validated and bound.
const SELECT = `SELECT dt, ${FIGURES.join(", ")} FROM ${TABLE}`;

/** A reader of table `lgde`. */
export interface MysqlMetrics {
  /** The masked URL and table, for logs and the page. */
  readonly description: string;
  range(range: DayRange): Promise<MetricRow[]>;
  close(): Promise<void>;
}

function poolFor(url: string): Pool {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`invalid MySQL URL "${maskUrl(url)}": expected mysql://user:password@host:port/database`);
  }
  if (u.protocol !== "mysql:" && u.protocol !== "mariadb:") {
    throw new Error(`invalid MySQL URL "${maskUrl(url)}": the scheme must be mysql:// or mariadb://`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (database === "") throw new Error(`MySQL URL "${maskUrl(url)}" names no database`);
  return createPool({
    host: u.hostname,
    port: u.port === "" ? 3306 : Number(u.port),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    connectTimeout: CONNECT_TIMEOUT_MS,
    connectionLimit: 4,
    // Figures as numbers: DECIMAL columns come back as numbers, BIGINT as numbers when safe.
    decimalNumbers: true,
    supportBigNumbers: true,
    dateStrings: true,
    charset: "utf8mb4",
  });
}

/** `yyyy-MM-dd` (or a DATE rendered so) → `yyyyMMdd`; an error naming the table for anything else. */
function dayOf(value: unknown, where: string): string {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  if (m === null) throw new Error(`${where}: dt ${JSON.stringify(value)} is not yyyy-MM-dd`);
  return `${m[1]}${m[2]}${m[3]}`;
}

const iso = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/**
 * Connects to `url` and checks that table `lgde` can be read; rejects (within the connect timeout) when the
 * server is unreachable, the credentials are refused or the table is missing, so the caller can fall back.
 */
export async function openMysqlMetrics(url: string): Promise<MysqlMetrics> {
  const pool = poolFor(url);
  const description = `MySQL table ${TABLE} at ${maskUrl(url)}`;
  try {
    await pool.query(`${SELECT} LIMIT 0`);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new Error(`${description}: ${(e as Error).message}`, { cause: e });
  }
  return Object.freeze({
    description,
    async range(range: DayRange): Promise<MetricRow[]> {
      const where: string[] = [];
      const args: string[] = [];
      if (range.from !== undefined) {
        where.push("dt >= ?");
        args.push(iso(range.from));
      }
      if (range.to !== undefined) {
        where.push("dt <= ?");
        args.push(iso(range.to));
      }
      const sql = `${SELECT}${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY dt`;
      const [rows] = await pool.execute<RowDataPacket[]>(sql, args);
      return rows.map((r) => {
        const where = `${description}, row dt=${JSON.stringify(r["dt"])}`;
        return toMetricRow(r, dayOf(r["dt"], where), where);
      });
    },
    async close(): Promise<void> {
      await pool.end();
    },
  });
}
