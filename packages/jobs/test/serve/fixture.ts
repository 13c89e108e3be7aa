// A warehouse with the course's two days (LGDE_SPEC §6): R/kpi/dt=D/ JSON lines and R/dim_users/dt=D/ Parquet.
// The figures are copied from lgde/expected/*.json so that this suite needs nothing outside the package.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "@lgde/io";

export const DAYS = ["20201025", "20201026"] as const;

export const METRICS: Readonly<Record<(typeof DAYS)[number], Record<string, number>>> = {
  "20201025": { dau: 5, pu: 4, dr: 12200000, arpu: 2440000.0, arppu: 3050000.0, daat: 2400.0, dnu: 5, dfpu: 4, ar: 12200000, users: 5, ltv: 2440000.0 },
  "20201026": { dau: 9, pu: 5, dr: 12900000, arpu: 1433333.3333333333, arppu: 2580000.0, daat: 2400.0, dnu: 4, dfpu: 3, ar: 25100000, users: 9, ltv: 2788888.888888889 },
};

type DimRow = [number, string, string, number, number, number, string | null];
const DIM_COLUMNS = ["d_uid", "d_name", "d_gender", "d_acount", "d_pamount", "d_pcount", "d_first_purchase"] as const;
const DIM_SCHEMA = "d_uid int, d_name string, d_gender string, d_acount bigint, d_pamount bigint, d_pcount bigint, d_first_purchase string, dt string";

const DIMENSION: Readonly<Record<(typeof DAYS)[number], readonly DimRow[]>> = {
  "20201025": [
    [1, "정휘센", "남", 1, 3800000, 2, "2020-10-25 05:32:30"],
    [2, "김싸이언", "남", 2, 1400000, 1, "2020-10-25 11:38:20"],
    [3, "박트롬", "여", 1, 1000000, 1, "2020-10-25 05:42:35"],
    [4, "청소기", "남", 2, 0, 0, null],
    [5, "유코드제로", "여", 1, 6000000, 2, "2020-10-25 09:32:35"],
  ],
  "20201026": [
    [1, "정휘센", "남", 2, 5200000, 3, "2020-10-25 05:32:30"],
    [2, "김싸이언", "남", 4, 1400000, 1, "2020-10-25 11:38:20"],
    [3, "박트롬", "여", 2, 1000000, 1, "2020-10-25 05:42:35"],
    [4, "청소기", "남", 4, 0, 0, null],
    [5, "유코드제로", "여", 2, 7000000, 3, "2020-10-25 09:32:35"],
    [6, "윤디오스", "남", 1, 4500000, 1, "2020-10-26 10:08:20"],
    [7, "임모바일", "남", 1, 3500000, 1, "2020-10-26 07:45:55"],
    [8, "조노트북", "여", 1, 0, 0, null],
    [9, "최컴퓨터", "남", 1, 2500000, 1, "2020-10-26 07:49:15"],
  ],
};

/** Day D's dimension rows as objects, in d_uid order. */
export function dimension(day: (typeof DAYS)[number]): Record<string, unknown>[] {
  return DIMENSION[day].map((r) => ({ ...Object.fromEntries(DIM_COLUMNS.map((c, i) => [c, r[i]])), dt: day }));
}

/** A new temporary directory; remove it with `rm(dir, { recursive: true })`. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes day D's KPI as the metrics job does: one JSON object on one line in R/kpi/dt=D/part-00000.json. */
export async function writeKpi(warehouse: string, day: string, figures: Record<string, number | null>): Promise<void> {
  const dir = join(warehouse, "kpi", `dt=${day}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "part-00000.json"), `${JSON.stringify({ dt: day, ...figures })}\n`);
  await writeFile(join(dir, "_SUCCESS"), "");
}

/** A warehouse with both days' KPI files and dimensions (the dimension shuffled, so that ordering is tested). */
export async function courseWarehouse(): Promise<string> {
  const root = await tempDir("lgde-serve-");
  for (const day of DAYS) await writeKpi(root, day, METRICS[day]);
  const spark = Session.builder().appName("serve-fixture").executor(local()).use(io()).getOrCreate();
  try {
    for (const day of DAYS) {
      const rows = dimension(day);
      const shuffled = [...rows.filter((_, i) => i % 2 === 1), ...rows.filter((_, i) => i % 2 === 0)];
      await spark.createDataFrame(shuffled, DIM_SCHEMA).write.mode("overwrite").parquet(join(root, "dim_users", `dt=${day}`));
    }
  } finally {
    await spark.stop();
  }
  return root;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
