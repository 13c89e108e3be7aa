// The course's two days (LGDE_SPEC §6), from this package's fixture copies.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { KPI_COLUMNS, paths } from "../../src/index.js";
import { readJsonLines, readParquet } from "./shop.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "lgde");
/**
 * `LGDE_COURSE_DIR` points the course tests at the original sample (`../shared/lgde`: access/access.csv,
 * mysql/testdb.sql, expected/) instead of this package's copies; `.ci/run` sets it.
 */
const COURSE_DIR = process.env["LGDE_COURSE_DIR"];
export const COURSE_ACCESS_LOG = COURSE_DIR ? join(COURSE_DIR, "access", "access.csv") : join(FIXTURES, "access.csv");
export const COURSE_TABLES = join(FIXTURES, "tables");
export const COURSE_SQL = join(COURSE_DIR ?? FIXTURES, "mysql", "testdb.sql");
const EXPECTED_DIR = join(COURSE_DIR ?? FIXTURES, "expected");
export const COURSE_DAYS = ["20201025", "20201026"] as const;

export interface Expected {
  readonly dt: string;
  readonly metrics: Record<string, number>;
  readonly access_rows: number;
  readonly purchase_rows: number;
  readonly dimension: readonly Record<string, unknown>[];
}

export function expected(day: string): Expected {
  return JSON.parse(readFileSync(join(EXPECTED_DIR, `${day}.json`), "utf8")) as Expected;
}

/** Checks a figure, exactly for integers and to 9 significant digits for ratios. */
export function expectFigures(actual: Record<string, unknown>, want: Record<string, number>): void {
  for (const [k, v] of Object.entries(want)) {
    const a = actual[k];
    expect(typeof a, `figure ${k}`).toBe("number");
    if (Number.isInteger(v) && Number.isInteger(a)) expect(a, `figure ${k}`).toBe(v);
    else expect(a as number, `figure ${k}`).toBeCloseTo(v, 6);
  }
}

/** Compares the KPI JSON and the dimension Parquet of a course day in `warehouse` with the expected files. */
export async function expectCourseDay(warehouse: string, day: string): Promise<void> {
  const want = expected(day);
  const kpi = readJsonLines(paths.kpi(warehouse, day));
  expect(kpi).toHaveLength(1);
  const row = kpi[0] as Record<string, unknown>;
  expect(Object.keys(row)).toEqual([...KPI_COLUMNS]);
  expect(row["dt"]).toBe(day);
  expectFigures(row, want.metrics);
  const dim = await readParquet(paths.dimension(warehouse, day));
  expect(dim.types).toEqual({
    d_uid: "Int32", d_name: "Utf8", d_gender: "Utf8", d_acount: "Int64", d_pamount: "Int64", d_pcount: "Int64",
    d_first_purchase: "Utf8", dt: "Utf8",
  });
  expect(dim.rows).toEqual(want.dimension);
  expect(readJsonLines(paths.access(warehouse, day))).toHaveLength(want.access_rows);
}
