// One day's figures as served (LGDE_SPEC §3, §5), and their checked conversion from a stored record.

/** The figures' names in the column order of table `lgde` (without `dt`). */
export const FIGURES = ["dau", "pu", "dr", "arpu", "arppu", "daat", "dnu", "dfpu", "ar", "users", "ltv"] as const;
export type Figure = (typeof FIGURES)[number];

/**
 * One day's metrics. `dt` is `yyyyMMdd`; a figure is null where the spec says so (ARPU with no users…)
 * or where the stored record has none.
 */
export type MetricRow = { readonly dt: string } & { readonly [F in Figure]: number | null };

/**
 * Builds a row from a stored record (a JSON object or a MySQL row), checking each figure. `where` names the
 * record in errors (file and line, or table and key). A figure that is neither a number, a numeric string
 * (MySQL DECIMAL/BIGINT) nor null is an error: a wrong figure must not be shown as a plausible one.
 */
export function toMetricRow(record: Record<string, unknown>, dt: string, where: string): MetricRow {
  const row: Record<string, number | null | string> = { dt };
  for (const f of FIGURES) {
    const v = record[f];
    if (v === null || v === undefined) row[f] = null;
    else if (typeof v === "number" && Number.isFinite(v)) row[f] = v;
    else if (typeof v === "bigint") row[f] = Number(v);
    else if (typeof v === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.trim())) row[f] = Number(v);
    else throw new Error(`${where}: figure "${f}" is ${JSON.stringify(String(v))}, not a number`);
  }
  return Object.freeze(row) as MetricRow;
}
