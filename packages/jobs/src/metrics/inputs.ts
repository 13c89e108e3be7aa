// Reads day D's warehouse partitions and yesterday's dimension, with errors that name what is missing.
import { existsSync } from "node:fs";
import { col, fromUnixtime, lit, type DataFrame, type Session } from "@lgde/core";
import { addDays } from "../dates.js";
import { paths } from "../paths.js";
import { ACCESS_DDL, DIMENSION_DDL } from "../schemas.js";
import { untyped } from "../frame.js";

/** What the metrics of day D are computed from (LGDE_SPEC §3). */
export interface DayInputs {
  /** `R/user/D`. */
  readonly user: DataFrame;
  /** `R/purchase/D` restricted to the rows whose `p_time` falls in day D in the session zone. */
  readonly purchase: DataFrame;
  /** `R/purchase/D`, every row (to report the rows outside the day). */
  readonly purchaseAll: DataFrame;
  /** `R/access/D`. */
  readonly access: DataFrame;
  /** `R/dim_users/dt=D-1`, or an empty dimension on the first day. */
  readonly dimension: DataFrame;
}

/** The missing-input error for a warehouse partition that the ingestion writes. */
function needIngest(day: string, what: string, path: string): Error {
  return new Error(`metrics ${day}: ${what} is missing (${path}); run \`lgde ingest --date ${day}\` first`);
}

/** Opens day D's inputs; `firstDay` means there is no yesterday (its dimension is not read even if present). */
export async function readDayInputs(spark: Session, root: string, day: string, firstDay: boolean): Promise<DayInputs> {
  const userPath = paths.user(root, day);
  const purchasePath = paths.purchase(root, day);
  const accessPath = paths.access(root, day);
  if (!existsSync(userPath)) throw needIngest(day, "the customer table", userPath);
  if (!existsSync(purchasePath)) throw needIngest(day, "the sales table", purchasePath);
  if (!existsSync(accessPath)) throw needIngest(day, "the access log", accessPath);
  let dimension: DataFrame;
  if (firstDay) {
    dimension = untyped(spark.createDataFrame([], DIMENSION_DDL));
  } else {
    const yesterday = addDays(day, -1);
    const dimPath = paths.dimension(root, yesterday);
    if (!existsSync(dimPath)) {
      throw new Error(
        `metrics ${day}: yesterday's dimension for ${yesterday} is missing (${dimPath}); ` +
          `run the metrics of ${yesterday} first, or pass --first-day if ${day} is the first day of service`,
      );
    }
    dimension = await spark.read.parquet(dimPath);
  }
  const purchaseAll = await spark.read.parquet(purchasePath);
  // A purchase belongs to the day that contains p_time (epoch seconds) in the session zone.
  const purchase = purchaseAll.where(fromUnixtime(col("p_time").cast("bigint"), "yyyyMMdd").equalTo(lit(day)));
  return {
    user: await spark.read.parquet(userPath),
    purchase,
    purchaseAll,
    // An explicit schema: an empty day (no file rows) still has its columns.
    access: untyped(await spark.read.format("json").schema(ACCESS_DDL).load(accessPath)),
    dimension,
  };
}
