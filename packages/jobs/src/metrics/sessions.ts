// Access sessions (LGDE_SPEC §3), with DataFrame operations only: each login paired with the user's next event.
import { col, lit, min, when, type DataFrame } from "@lgde/core";
import { untyped } from "../frame.js";

/**
 * The day's closed sessions: `uid`, `login_time`, `duration` (seconds, double).
 *
 * Per user, events in time order: a login opens a session (dropping an open one), a logout closes the open
 * session, a logout with none open is ignored. Hence a session is exactly a login whose *next* event is a
 * logout. Events are ordered by `key = a_time * 2 + (login ? 1 : 0)`: at the same second a logout comes
 * before a login (it closes the earlier session; the login then opens a new one). The next event of each
 * login is the minimum key above its own among the user's events (a self-join and an aggregate); its
 * parity tells its kind and `key / 2` its time. Duplicates were removed at ingestion, so keys are unique.
 */
export function sessionDurations(access: DataFrame): DataFrame {
  const isLogin = col("a_id").equalTo(lit("login"));
  const events = access.select(
    col("a_uid").as("e_uid"),
    col("a_time").multiply(2).plus(when(isLogin, lit(1)).otherwise(lit(0))).as("e_key"),
  );
  const logins = access
    .where(isLogin)
    .select(col("a_uid").as("l_uid"), col("a_time").as("l_time"), col("a_time").multiply(2).plus(1).as("l_key"));
  return untyped(logins
    .join(events, col("l_uid").equalTo(col("e_uid")).and(col("e_key").gt(col("l_key"))), "inner")
    .groupBy("l_uid", "l_time")
    .agg(min(col("e_key")).as("next_key"))
    .where(col("next_key").mod(2).equalTo(lit(0)))
    .select(
      col("l_uid").as("uid"),
      col("l_time").as("login_time"),
      col("next_key").divide(2).minus(col("l_time")).as("duration"),
    ));
}
