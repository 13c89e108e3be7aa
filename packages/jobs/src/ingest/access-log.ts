// Reads the access log and classifies each line: day D's good lines, and the rejects that belong to day D.
import { existsSync } from "node:fs";
import { coalesce, col, concat, fromUnixtime, lit, max, not, when, type DataFrame, type Session } from "@lgde/core";
import { ACCESS_CSV_DDL, ACCESS_EVENTS } from "../schemas.js";
import { untyped } from "../frame.js";

const CORRUPT = "_corrupt_record";
const LINE = "_line";

/** Why a line is rejected (the `reason` column of `R/access_rejects/D/`). */
export const REJECT_REASONS = {
  malformed: "malformed line: wrong column count or unparsable CSV",
  time: "a_time is not a number",
  uid: "a_uid is not an integer",
  event: "a_id is not login or logout",
} as const;

/**
 * The raw log with an all-string schema, PERMISSIVE: a line that does not fit keeps its text in
 * `_corrupt_record`, and `_line` holds its 1-based line number (the header is line 1).
 */
export async function readAccessLog(spark: Session, path: string): Promise<DataFrame> {
  if (!existsSync(path)) throw new Error(`access log ${path} is missing`);
  return untyped(await spark.read
    .format("csv")
    .schema(ACCESS_CSV_DDL)
    .option("header", true)
    .option("mode", "PERMISSIVE")
    .option("columnNameOfCorruptRecord", CORRUPT)
    .option("lineNumberColumn", LINE)
    .load(path));
}

/** Each line with its parsed time `t`, uid `u`, day `day` (null when the time is unparsable) and reject `reason` (null when good). */
export function classifyLines(raw: DataFrame): DataFrame {
  const t = col("a_time").cast("bigint");
  const u = col("a_uid").cast("int");
  const parsed = raw.select(
    col(LINE).as("line"), col("a_time"), col("a_uid"), col("a_id"), col(CORRUPT).as("corrupt"), t.as("t"), u.as("u"),
  );
  const reason = when(col("corrupt").isNotNull(), lit(REJECT_REASONS.malformed))
    .when(col("t").isNull(), lit(REJECT_REASONS.time))
    .when(col("u").isNull(), lit(REJECT_REASONS.uid))
    .when(col("a_id").isNull().or(not(col("a_id").isin(...ACCESS_EVENTS))), lit(REJECT_REASONS.event));
  return untyped(parsed
    .withColumn("day", when(col("t").isNotNull(), fromUnixtime(col("t"), "yyyyMMdd")))
    .withColumn("reason", reason));
}

/**
 * Day D's good lines in the shape of `R/access/D/`, exact duplicates (same time, uid, event) written once,
 * sorted so that a re-run writes the same files.
 */
export function accessRows(lines: DataFrame, day: string): DataFrame {
  return untyped(lines
    .where(col("reason").isNull().and(col("day").equalTo(lit(day))))
    .select(
      col("a_id"),
      lit("access").as("a_tag"),
      col("t").as("a_time"),
      fromUnixtime(col("t"), "yyyy-MM-dd HH:mm:ss.SSS").as("a_timestamp"),
      col("u").as("a_uid"),
      lit(day).as("dt"),
    )
    .distinct()
    .orderBy("a_time", "a_uid", "a_id"));
}

/**
 * The rejects that belong to day D: those whose time is a number falling in D, plus those whose time is
 * unparsable and that sit in D's stretch of the file. The log is appended in time order, so an undatable
 * line belongs to the day of the next datable line after it: with P(d) the last line number of days ≤ d,
 * D's stretch is the lines in (P(days before D), P(D)], and lines after the last datable line belong to the
 * file's last day (to D if no line is datable at all). Every undatable line thus goes to exactly one day.
 */
export function accessRejects(lines: DataFrame, day: string): DataFrame {
  const D = lit(day);
  const record = coalesce(
    col("corrupt"),
    concat(coalesce(col("a_time"), lit("")), lit(","), coalesce(col("a_uid"), lit("")), lit(","), coalesce(col("a_id"), lit(""))),
  );
  const shape = (df: DataFrame): DataFrame => untyped(df.select(col("line"), col("reason"), record.as("record"), D.as("dt")));
  const dated = lines.where(col("reason").isNotNull().and(col("day").equalTo(D)));
  const bounds = untyped(lines
    .where(col("t").isNotNull())
    .agg(
      max(when(col("day").lt(D), col("line"))).as("before_last"),
      max(when(col("day").leq(D), col("line"))).as("upto_last"),
      max(col("day")).as("last_day"),
    ));
  const undated = lines
    .where(col("t").isNull())
    .crossJoin(bounds)
    .where(
      col("line").gt(coalesce(col("before_last"), lit(0)))
        .and(col("line").leq(coalesce(col("upto_last"), lit(0))).or(coalesce(col("last_day"), D).equalTo(D))),
    );
  return shape(dated).union(shape(undated)).orderBy("line");
}
