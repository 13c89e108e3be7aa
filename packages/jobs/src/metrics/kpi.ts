// The day's figures (LGDE_SPEC §3, §5) as a one-row frame: dt, dau, pu, dr, arpu, arppu, daat, dnu, dfpu, ar, users, ltv.
import { avg, coalesce, col, count, countDistinct, lit, sum, type DataFrame } from "@lgde/core";
import type { DayInputs } from "./inputs.js";
import { untyped } from "../frame.js";

/** The metrics row of day D, in the column order of the `lgde` table. */
export interface Kpi {
  readonly dt: string;
  readonly dau: number;
  readonly pu: number;
  readonly dr: number;
  readonly arpu: number | null;
  readonly arppu: number | null;
  readonly daat: number | null;
  readonly dnu: number;
  readonly dfpu: number;
  readonly ar: number;
  readonly users: number;
  readonly ltv: number | null;
}

/** The KPI names in order, for tables and checks. */
export const KPI_COLUMNS = ["dt", "dau", "pu", "dr", "arpu", "arppu", "daat", "dnu", "dfpu", "ar", "users", "ltv"] as const;

/**
 * One row of figures from the day's inputs, its closed sessions and today's dimension. Each figure is a
 * global aggregate (one row), cross-joined together; the ratios divide by zero to null, as Spark's `/` does.
 */
export function kpiFrame(inputs: DayInputs, sessions: DataFrame, dimension: DataFrame, day: string): DataFrame {
  const { access, purchase } = inputs;
  const yesterday = inputs.dimension;
  const one = lit(1);
  const dau = access.agg(countDistinct(col("a_uid")).as("dau"));
  const sales = purchase.agg(countDistinct(col("p_uid")).as("pu"), coalesce(sum(col("p_amount")), lit(0)).cast("bigint").as("dr"));
  const daat = sessions.agg(avg(col("duration")).as("daat"));
  const dnu = access
    .select(col("a_uid").as("uid"))
    .distinct()
    .subtract(yesterday.select(col("d_uid").as("uid")))
    .agg(count(one).as("dnu"));
  const dfpu = purchase
    .select(col("p_uid").as("uid"))
    .distinct()
    .subtract(yesterday.where(col("d_first_purchase").isNotNull()).select(col("d_uid").as("uid")))
    .agg(count(one).as("dfpu"));
  const totals = dimension.agg(coalesce(sum(col("d_pamount")), lit(0)).cast("bigint").as("ar"), count(one).as("users"));
  return untyped(dau
    .crossJoin(sales)
    .crossJoin(daat)
    .crossJoin(dnu)
    .crossJoin(dfpu)
    .crossJoin(totals)
    .select(
      lit(day).as("dt"),
      col("dau"),
      col("pu"),
      col("dr"),
      col("dr").divide(col("dau")).as("arpu"),
      col("dr").divide(col("pu")).as("arppu"),
      col("daat"),
      col("dnu"),
      col("dfpu"),
      col("ar"),
      col("users"),
      col("ar").divide(col("users")).as("ltv"),
    ));
}
