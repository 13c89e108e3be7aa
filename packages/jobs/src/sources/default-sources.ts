// The sources used when none is given: MySQL and the access log from the environment, else the course's defaults.
import { DEFAULT_ACCESS_LOG, DEFAULT_MYSQL_URL } from "../config.js";
import { mysqlSources } from "./mysql-sources.js";
import type { ShopSources } from "./shop-sources.js";

/** `LGDE_MYSQL_URL` else the course's database; `LGDE_ACCESS_LOG` else `/tmp/fluentd/csv/access.csv`. */
export function defaultSources(env: NodeJS.ProcessEnv = process.env): ShopSources {
  return mysqlSources({
    url: env["LGDE_MYSQL_URL"] ?? DEFAULT_MYSQL_URL,
    accessLog: env["LGDE_ACCESS_LOG"] ?? DEFAULT_ACCESS_LOG,
  });
}
