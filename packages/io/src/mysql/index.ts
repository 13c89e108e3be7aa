// MySQL/MariaDB source and sink for @lgde/io.
export { mysqlSource, partitionSql } from "./source.js";
export { mysqlSink, createTableSql, parseColumnTypes, parseSinkOptions, type MysqlSinkOptions } from "./sink.js";
export { parseMysqlUrl, toConnectionOptions, describeConnection, maskUrl, type MysqlConnectionOptions } from "./connection-options.js";
export { withConnection, openConnection, explainMysqlError, type MysqlConnection, type ErrorContext } from "./connect.js";
export { buildSelectSql, filterToSql, quoteIdent, quoteTable, type SelectSpec, type SqlFragment, type SplitRange } from "./sql.js";
export { splitIntegerRange, splitFloatRange } from "./split.js";
export { mapMysqlField, ddlType, type MysqlKind } from "./types.js";
export { parseSourceOptions, type MysqlSourceOptions } from "./source-options.js";
