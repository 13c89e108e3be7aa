// Customers and purchases from MySQL/MariaDB day tables, as Sqoop read them in the course.
import type { DataFrame, Session } from "@lgde/core";
import { DEFAULT_PURCHASE_TABLE, DEFAULT_USER_TABLE, tableName } from "../config.js";
import type { ShopSources } from "./shop-sources.js";

export interface MysqlSourcesOptions {
  /** `mysql://user:password@host:port/database`. */
  readonly url: string;
  /** The access log CSV. */
  readonly accessLog: string;
  /** Default `user_{D}`. */
  readonly userTable?: string;
  /** Default `purchase_{D}`. */
  readonly purchaseTable?: string;
  /** Serve metrics to this database's `lgde` table (default: true). */
  readonly serve?: boolean;
}

/** A URL with its password replaced by `***`, for messages. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}

/** The MySQL implementation of `ShopSources`. */
export function mysqlSources(o: MysqlSourcesOptions): ShopSources {
  const userTemplate = o.userTable ?? DEFAULT_USER_TABLE;
  const purchaseTemplate = o.purchaseTable ?? DEFAULT_PURCHASE_TABLE;
  const where = maskUrl(o.url);
  const read = async (spark: Session, table: string): Promise<DataFrame> => {
    try {
      return await spark.read.mysql(o.url, table);
    } catch (e) {
      throw new Error(`cannot read MySQL table ${table} at ${where}: ${(e as Error).message}`, { cause: e });
    }
  };
  return Object.freeze({
    description: `MySQL ${where}, access log ${o.accessLog}`,
    accessLog: o.accessLog,
    servingUrl: o.serve === false ? null : o.url,
    users: (spark: Session, day: string) => read(spark, tableName(userTemplate, day)),
    purchases: (spark: Session, day: string) => read(spark, tableName(purchaseTemplate, day)),
  });
}
