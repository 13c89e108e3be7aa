// Where the served metrics come from: table `lgde` when MySQL answers, else R/kpi; logged either way.
import { join } from "node:path";
import { readKpiDay, readKpiRange } from "./file-metrics.js";
import type { MetricRow } from "./metric-row.js";
import { openMysqlMetrics, type MysqlMetrics } from "./mysql-metrics.js";
import type { DayRange } from "./params.js";

/** Which store answered a request. */
export type MetricSource = "mysql" | "files";

/** Rows and the store that gave them. */
export interface Served<T> {
  readonly source: MetricSource;
  readonly description: string;
  readonly value: T;
}

export interface MetricStore {
  /** Days within `range`, in date order. */
  range(range: DayRange): Promise<Served<MetricRow[]>>;
  /** One day, or undefined. */
  day(day: string): Promise<Served<MetricRow | undefined>>;
  close(): Promise<void>;
}

/**
 * Opens the store: MySQL when `mysql` is given and the table answers within the connect timeout, else the
 * files. If MySQL fails later, that request is answered from the files and the failure is logged, so the
 * dashboard stays up while the database restarts.
 */
export async function openMetricStore(warehouse: string, mysql: string | null | undefined, log: (line: string) => void): Promise<MetricStore> {
  const files = `files ${join(warehouse, "kpi")}/dt=D/*.json`;
  let db: MysqlMetrics | null = null;
  if (mysql !== undefined && mysql !== null && mysql !== "") {
    try {
      db = await openMysqlMetrics(mysql);
      log(`serve: metrics from ${db.description}`);
    } catch (e) {
      log(`serve: ${(e as Error).message}; metrics from ${files} instead`);
    }
  } else {
    log(`serve: no MySQL URL; metrics from ${files}`);
  }
  const fromFiles = async <T>(read: () => Promise<T>): Promise<Served<T>> => ({ source: "files", description: files, value: await read() });
  const withFallback = async <T>(fromDb: (m: MysqlMetrics) => Promise<T>, fromDisk: () => Promise<T>): Promise<Served<T>> => {
    if (db === null) return fromFiles(fromDisk);
    try {
      return { source: "mysql", description: db.description, value: await fromDb(db) };
    } catch (e) {
      log(`serve: ${db.description} failed (${(e as Error).message}); answering from ${files}`);
      return fromFiles(fromDisk);
    }
  };
  return Object.freeze({
    range: (range: DayRange) =>
      withFallback(
        (m) => m.range(range),
        () => readKpiRange(warehouse, range),
      ),
    day: (day: string) =>
      withFallback(
        async (m) => (await m.range({ from: day, to: day }))[0],
        () => readKpiDay(warehouse, day),
      ),
    async close(): Promise<void> {
      await db?.close();
    },
  });
}
