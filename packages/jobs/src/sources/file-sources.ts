// Customers and purchases from files, one per day table (the demo's and the tests' stand-in for MySQL).
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { DataFrame, Session } from "@lgde/core";
import { DEFAULT_PURCHASE_TABLE, DEFAULT_USER_TABLE, tableName } from "../config.js";
import { PURCHASE_SOURCE_DDL, USER_SOURCE_DDL } from "../schemas.js";
import type { ShopSources } from "./shop-sources.js";

/** `csv`: `<dir>/<table>.csv` with a header; `parquet`: `<dir>/<table>.parquet` (a file or a directory of parts). */
export type SourceFileFormat = "csv" | "parquet";

export interface FileSourcesOptions {
  /** The folder holding the day tables. */
  readonly dir: string;
  readonly format: SourceFileFormat;
  /** The access log CSV. */
  readonly accessLog: string;
  readonly userTable?: string;
  readonly purchaseTable?: string;
}

/** The path of a day table in a file-sources folder. */
export function tablePath(dir: string, table: string, format: SourceFileFormat): string {
  return join(dir, `${table}.${format}`);
}

/** The files implementation of `ShopSources`; there is no server to serve metrics to. */
export function fileSources(o: FileSourcesOptions): ShopSources {
  const userTemplate = o.userTable ?? DEFAULT_USER_TABLE;
  const purchaseTemplate = o.purchaseTable ?? DEFAULT_PURCHASE_TABLE;
  const read = async (spark: Session, table: string, ddl: string): Promise<DataFrame> => {
    const path = tablePath(o.dir, table, o.format);
    // Check first so that the error names the table and file rather than a reader's internals.
    if (!existsSync(path)) throw new Error(`source table ${table} is missing: no file ${path}`);
    return o.format === "csv"
      ? await spark.read.format("csv").schema(ddl).option("header", true).load(path)
      : await spark.read.parquet(path);
  };
  return Object.freeze({
    description: `${o.format} files in ${o.dir}, access log ${o.accessLog}`,
    accessLog: o.accessLog,
    servingUrl: null,
    users: (spark: Session, day: string) => read(spark, tableName(userTemplate, day), USER_SOURCE_DDL),
    purchases: (spark: Session, day: string) => read(spark, tableName(purchaseTemplate, day), PURCHASE_SOURCE_DDL),
  });
}
