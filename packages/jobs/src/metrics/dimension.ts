// Today's user dimension (LGDE_SPEC §4) from yesterday's and today's inputs.
import { coalesce, col, count, fromUnixtime, lit, max, min, sum, type DataFrame } from "@lgde/core";
import type { DayInputs } from "./inputs.js";
import { untyped } from "../frame.js";

/**
 * One row per customer seen up to day D: yesterday's rows, today's access users and today's paying users
 * (a purchase whose access log was lost still counts). Names and genders come from yesterday's dimension,
 * else (also when yesterday's was null) from today's customer table; counts and amounts accumulate;
 * the first purchase is kept once set. Sorted by `d_uid` so that a re-run writes the same file.
 */
export function buildDimension(inputs: DayInputs, day: string): DataFrame {
  const { access, purchase, user, dimension } = inputs;
  const yesterday = dimension.select(
    col("d_uid").as("y_uid"), col("d_name").as("y_name"), col("d_gender").as("y_gender"),
    col("d_acount").as("y_acount"), col("d_pamount").as("y_pamount"), col("d_pcount").as("y_pcount"),
    col("d_first_purchase").as("y_first"),
  );
  const ids = dimension
    .select(col("d_uid").as("uid"))
    .union(access.select(col("a_uid").as("uid")))
    .union(purchase.select(col("p_uid").as("uid")))
    .distinct();
  const logins = access
    .where(col("a_id").equalTo(lit("login")))
    .groupBy(col("a_uid").as("t_uid"))
    .agg(count(lit(1)).as("t_acount"));
  const buys = purchase
    .groupBy(col("p_uid").as("b_uid"))
    .agg(sum(col("p_amount")).as("t_pamount"), count(lit(1)).as("t_pcount"), min(col("p_time").cast("bigint")).as("t_first"));
  // The customer table has one row per id (a primary key in MySQL); max() keeps a duplicated id from multiplying rows.
  const customers = user.groupBy(col("u_id").as("c_uid")).agg(max(col("u_name")).as("c_name"), max(col("u_gender")).as("c_gender"));
  const zero = lit(0);
  return untyped(ids
    .join(yesterday, col("uid").equalTo(col("y_uid")), "left")
    .join(logins, col("uid").equalTo(col("t_uid")), "left")
    .join(buys, col("uid").equalTo(col("b_uid")), "left")
    .join(customers, col("uid").equalTo(col("c_uid")), "left")
    .select(
      col("uid").cast("int").as("d_uid"),
      coalesce(col("y_name"), col("c_name")).as("d_name"),
      coalesce(col("y_gender"), col("c_gender")).as("d_gender"),
      coalesce(col("y_acount"), zero).plus(coalesce(col("t_acount"), zero)).cast("bigint").as("d_acount"),
      coalesce(col("y_pamount"), zero).plus(coalesce(col("t_pamount"), zero)).cast("bigint").as("d_pamount"),
      coalesce(col("y_pcount"), zero).plus(coalesce(col("t_pcount"), zero)).cast("bigint").as("d_pcount"),
      coalesce(col("y_first"), fromUnixtime(col("t_first"), "yyyy-MM-dd HH:mm:ss")).as("d_first_purchase"),
      lit(day).as("dt"),
    )
    .orderBy("d_uid"));
}
