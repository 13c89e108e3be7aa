// The io plugin: `Session.builder().use(io())` registers every format's source and sink.
import type { Plugin } from "@lgde/core";
import { csvSink } from "./csv/sink.js";
import { csvSource } from "./csv/source.js";
import { jsonSink } from "./json/sink.js";
import { jsonSource } from "./json/source.js";
import { mysqlSink, mysqlSource } from "./mysql/index.js";
import { parquetSink } from "./parquet/sink.js";
import { parquetSource } from "./parquet/source.js";

/**
 * Parquet, JSON lines, CSV and MySQL sources and sinks for a session.
 * @example
 * const spark = Session.builder().executor(local()).use(io()).getOrCreate();
 * const df = await spark.read.parquet("/tmp/target/user/20201025");
 */
export function io(): Plugin {
  return Object.freeze({
    name: "io",
    // Lets the workers executor rebuild this plugin inside each worker thread.
    module: Object.freeze({ specifier: "@lgde/io", exportName: "io" }),
    sources: Object.freeze([parquetSource, jsonSource, csvSource, mysqlSource]),
    sinks: Object.freeze([parquetSink, jsonSink, csvSink, mysqlSink]),
  });
}
