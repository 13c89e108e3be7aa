// @lgde/core public API.
export * from "./types/data-type.js";
export * from "./expr/expr.js";
export * from "./expr/build.js";
export * from "./expr/resolve.js";
export * from "./plan/plan.js";
export * from "./plan/nodes/index.js";
export * from "./plan/tree.js";
export * from "./plan/explain.js";
export * from "./plan/reuse.js";
export * from "./optimizer/index.js";
export * from "./errors.js";
export * from "./execution/json.js";
export * from "./execution/executor.js";
export * from "./execution/source.js";

// The user-facing API.
export { Column, operandExpr, toDataType } from "./column/column.js";
export type { Operand, RefsOf, NameOf, ValueOf, CastTarget, CastValue } from "./column/column.js";
export { SortColumn } from "./column/sort-column.js";
export type {
  ColumnValue, ValueIn, LiteralInput, LiteralValueOf, LiteralName, ColumnName, Simplify, Nullable,
} from "./column/types.js";
export * from "./functions/index.js";
export type { DataFrame, GroupedData, DataFrameNaFunctions, ExplainMode, FillValue, NaDropOptions } from "./dataframe/dataframe.js";
export type {
  ColumnOf, SortKeyOf, SelectRow, ColumnValueIn, WithColumnRow, JoinHow, CanonicalJoin, JoinRow, JoinUsingRow, FilledRow,
} from "./dataframe/row-types.js";
export { DataFrameWriter, type SaveModeName } from "./dataframe/writer.js";
export { parseJoinType } from "./dataframe/impl.js";
export { Session, type InferredRow } from "./session/session.js";
export { SessionBuilder, type SessionConfig, TIME_ZONE_KEY, DISABLED_RULES_KEY, BATCH_SIZE_KEY, DEFAULT_BATCH_SIZE } from "./session/builder.js";
export { DataFrameReader, type CsvReadOptions, type JsonReadOptions, type MysqlReadOptions } from "./session/reader.js";
export { Registry } from "./session/registry.js";

// Formatting and conversion helpers (also used by executors, io and jobs).
export { parseDdl, parseDdlType, schemaToDdl, DDL_TYPE_NAMES, type DdlTypeName, type DdlRow, type DdlValueType } from "./format/ddl.js";
export { rowsToBatches, columnData, batchOf, type InputRow } from "./format/to-arrow.js";
export { batchesToRows, columnReader } from "./format/from-arrow.js";
export { inferSchema } from "./format/infer.js";
export { showString, type ShowOptions } from "./format/show.js";
export { schemaTreeString } from "./format/print-schema.js";
export { formatDouble, formatTimestamp, formatDate } from "./format/cell.js";

// Time-zone and calendar arithmetic: the one implementation behind the executors' expressions,
// show(), and io's JSON/CSV/MySQL text.
export { zoneOf, type Zone } from "./time/zone.js";
export { daysFromCivil, civilFromDays, isValidCivil } from "./time/civil.js";
export {
  MICROS_PER_DAY, toWall, toLocalDays, fromWall, toWallExact, fromWallExact, timestampText, wallTimestampText, dateText,
} from "./time/convert.js";
export {
  compilePattern, formatWall, formatWallTo, type WallSink, parseWall, parseTimestampText, parseDateText, type Pattern, type WallTime,
} from "./time/pattern.js";
export { unaliasBuffers } from "./format/unalias-buffers.js";
