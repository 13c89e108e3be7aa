// @lgde/io: Parquet, JSON lines, CSV and MySQL sources and sinks, as a session plugin.
export { io } from "./plugin.js";
export { parquetSource } from "./parquet/source.js";
export { parquetSink } from "./parquet/sink.js";
export { jsonSource } from "./json/source.js";
export { jsonSink } from "./json/sink.js";
export { csvSource } from "./csv/source.js";
export { csvSink } from "./csv/sink.js";
export { mysqlSource, mysqlSink } from "./mysql/index.js";
export { readBadRecords, type BadRecord, type ParseMode } from "./text/bad-records.js";
export { HIVE_DEFAULT_PARTITION } from "./fs/list-files.js";
