// Date and time functions; all honour the session time zone (Spark's spark.sql.session.timeZone).
import { Column } from "../column/column.js";
import { E } from "../expr/build.js";
import { argExpr, type ArgName, type ArgRefs, type ColumnOrName } from "./column.js";

/** Spark's default datetime pattern. */
export const DEFAULT_TIMESTAMP_PATTERN = "yyyy-MM-dd HH:mm:ss";

/**
 * Renders epoch seconds as text in the session zone: `fromUnixtime(col("a_time"))` gives
 * `"2020-10-25 09:00:00"`. Spark's `from_unixtime`.
 */
export function fromUnixtime<C extends ColumnOrName>(c: C, pattern: string = DEFAULT_TIMESTAMP_PATTERN):
  Column<string | null, ArgRefs<C>, string> {
  return new Column(E.call("from_unixtime", [argExpr(c), E.literal(pattern)]));
}

/** Parses text (or takes a date/timestamp) to epoch seconds, in the session zone. Spark's `unix_timestamp`. */
export function unixTimestamp<C extends ColumnOrName>(c: C, pattern: string = DEFAULT_TIMESTAMP_PATTERN):
  Column<number | null, ArgRefs<C>, string> {
  return new Column(E.call("unix_timestamp", [argExpr(c), E.literal(pattern)]));
}

/** To a date: from a timestamp (in the session zone) or from text with an optional pattern. */
export function toDate<C extends ColumnOrName>(c: C, pattern?: string): Column<Date | null, ArgRefs<C>, string> {
  const args = [argExpr(c), ...(pattern === undefined ? [] : [E.literal(pattern)])];
  return new Column(E.call("to_date", args));
}

/** To a timestamp: from text with an optional pattern (read in the session zone), or from a date. */
export function toTimestamp<C extends ColumnOrName>(c: C, pattern?: string): Column<Date | null, ArgRefs<C>, string> {
  const args = [argExpr(c), ...(pattern === undefined ? [] : [E.literal(pattern)])];
  return new Column(E.call("to_timestamp", args));
}

/** Renders a date/timestamp with a Spark pattern in the session zone: `dateFormat(col("t"), "yyyyMMdd")`. */
export function dateFormat<C extends ColumnOrName>(c: C, pattern: string): Column<string | null, ArgRefs<C>, string> {
  return new Column(E.call("date_format", [argExpr(c), E.literal(pattern)]));
}

/** The year of a date/timestamp, in the session zone. */
export function year<C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `year(${ArgName<C>})`> {
  return new Column(E.call("year", [argExpr(c)]));
}

/** The month (1-12). */
export function month<C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `month(${ArgName<C>})`> {
  return new Column(E.call("month", [argExpr(c)]));
}

/** The day of the month (1-31). */
export function dayofmonth<C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `dayofmonth(${ArgName<C>})`> {
  return new Column(E.call("dayofmonth", [argExpr(c)]));
}

/** The hour (0-23) in the session zone. */
export function hour<C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `hour(${ArgName<C>})`> {
  return new Column(E.call("hour", [argExpr(c)]));
}
