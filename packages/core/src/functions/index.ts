// The user-facing functions, like pyspark.sql.functions.
export { col, column, lit, asc, desc, argExpr, type ColumnOrName, type ArgRefs, type ArgName, type ArgValue } from "./column.js";
export { when, coalesce, not, WhenColumn } from "./conditional.js";
export { lower, upper, trim, length, concat, substring } from "./string.js";
export { abs, round } from "./math.js";
export {
  fromUnixtime, unixTimestamp, toDate, toTimestamp, dateFormat, year, month, dayofmonth, hour, DEFAULT_TIMESTAMP_PATTERN,
} from "./datetime.js";
export { count, countDistinct, sum, sumDistinct, avg, mean, min, max, first } from "./aggregate.js";
