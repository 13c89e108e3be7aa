// The metrics job (LGDE_SPEC §3–§5): figures, the new dimension, the KPI JSON and the served row.
import { col, count, fromUnixtime, lit, when, type DataFrame } from "@lgde/core";
import { checkDay, checkTimeZone, isoDay } from "../dates.js";
import { resolveCommon, type CommonOptions } from "../config.js";
import { paths } from "../paths.js";
import { defaultSources } from "../sources/default-sources.js";
import { withSession } from "../session.js";
import { materialize } from "../ingest/ingest.js";
import { buildDimension } from "./dimension.js";
import { readDayInputs } from "./inputs.js";
import { KPI_COLUMNS, kpiFrame, type Kpi } from "./kpi.js";
import { sessionDurations } from "./sessions.js";
import { untyped } from "../frame.js";

export interface MetricsOptions extends CommonOptions {
  /** The day, `yyyyMMdd`. */
  readonly date: string;
  /** The day is the first day of service: there is no yesterday's dimension. */
  readonly firstDay?: boolean;
  /**
   * Where to upsert the row of table `lgde`: a MySQL URL, or null to skip. Default: the sources' serving
   * URL (the MySQL sources' database; none for file sources).
   */
  readonly servingUrl?: string | null;
}

/** What a metrics run computed and wrote. */
export interface MetricsSummary {
  readonly date: string;
  readonly kpi: Kpi;
  /** Rows of today's dimension. */
  readonly dimensionRows: number;
  /** Rows of `R/purchase/D` outside day D (earlier days' sales, or a p_time that is not a number). */
  readonly purchaseRowsOutsideDay: number;
  readonly purchaseRowsBadTime: number;
  /** Whether the row of table `lgde` was upserted. */
  readonly served: boolean;
  readonly paths: readonly string[];
}

/** Runs the metrics of one day. Everything is computed first; then the dimension and the KPI are each written atomically. */
export async function metrics(options: MetricsOptions): Promise<MetricsSummary> {
  const day = checkDay(options.date);
  const o = resolveCommon(options);
  checkTimeZone(o.timeZone);
  const servingUrl = options.servingUrl !== undefined ? options.servingUrl : (options.sources ?? defaultSources()).servingUrl;
  return await withSession(o.timeZone, o.executor, async (spark) => {
    o.reporter.progress(`metrics ${day}: reading the day's partitions`);
    const inputs = await readDayInputs(spark, o.warehouse, day, options.firstDay === true);
    o.reporter.progress(`metrics ${day}: building the dimension`);
    const dimension = await materialize(spark, buildDimension(inputs, day));
    o.reporter.progress(`metrics ${day}: computing the figures`);
    const kpi = await materialize(spark, kpiFrame(inputs, sessionDurations(inputs.access), dimension, day));
    const row = await kpi.first();
    if (row === undefined) throw new Error(`metrics ${day}: the figures came out empty (an engine bug)`);
    const outside = await outsideRows(inputs.purchaseAll, day).first();

    const dimPath = paths.dimension(o.warehouse, day);
    const kpiPath = paths.kpi(o.warehouse, day);
    o.reporter.progress(`metrics ${day}: writing ${dimPath}`);
    const dimResult = await dimension.write.mode("overwrite").parquet(dimPath);
    o.reporter.progress(`metrics ${day}: writing ${kpiPath}`);
    await kpi.write.mode("overwrite").option("ignoreNullFields", false).json(kpiPath);
    if (servingUrl !== null) {
      o.reporter.progress(`metrics ${day}: serving the row of table lgde`);
      await servedRow(kpi, day).write.mode("upsert").option("key", "dt").option("createTableColumnTypes", "dt CHAR(10)").mysql(servingUrl, "lgde");
    }
    return {
      date: day,
      kpi: toKpi(row),
      dimensionRows: dimResult.rows,
      purchaseRowsOutsideDay: Number(outside?.["outside"] ?? 0),
      purchaseRowsBadTime: Number(outside?.["bad_time"] ?? 0),
      served: servingUrl !== null,
      paths: [dimPath, kpiPath],
    };
  }, o.reporter);
}

/** The served row: the KPI with `dt` as `yyyy-MM-dd` (the table's key). */
function servedRow(kpi: DataFrame, day: string): DataFrame {
  return untyped(kpi.select(...KPI_COLUMNS.map((c) => (c === "dt" ? lit(isoDay(day)).as("dt") : col(c)))));
}

/** Counts of the sales rows that are not day D's (they are kept in R/purchase/D, not dropped, and reported). */
function outsideRows(purchaseAll: DataFrame, day: string): DataFrame {
  const t = col("p_time").cast("bigint");
  // count() skips nulls: when() without otherwise is null where the condition does not hold.
  return untyped(purchaseAll.agg(
    count(when(t.isNotNull().and(fromUnixtime(t, "yyyyMMdd").notEqual(lit(day))), lit(1))).as("outside"),
    count(when(t.isNull(), lit(1))).as("bad_time"),
  ));
}

function num(v: unknown): number {
  return Number(v);
}

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

/** The collected row as a `Kpi`. */
function toKpi(row: Record<string, unknown>): Kpi {
  return {
    dt: String(row["dt"]),
    dau: num(row["dau"]),
    pu: num(row["pu"]),
    dr: num(row["dr"]),
    arpu: numOrNull(row["arpu"]),
    arppu: numOrNull(row["arppu"]),
    daat: numOrNull(row["daat"]),
    dnu: num(row["dnu"]),
    dfpu: num(row["dfpu"]),
    ar: num(row["ar"]),
    users: num(row["users"]),
    ltv: numOrNull(row["ltv"]),
  };
}
