// Defaults and option shapes shared by the jobs, the CLI and the tests.
import type { ShopSources } from "./sources/shop-sources.js";

/** The course's warehouse root. */
export const DEFAULT_WAREHOUSE = "/tmp/target";
/** The service time zone (Spark's `spark.sql.session.timeZone`). */
export const DEFAULT_TIME_ZONE = "Asia/Seoul";
/** The course's database, used when neither `--mysql` nor `LGDE_MYSQL_URL` is given. */
export const DEFAULT_MYSQL_URL = "mysql://sqoop:sqoop@127.0.0.1:3306/testdb";
/** Where the course's Fluentd wrote the access log. */
export const DEFAULT_ACCESS_LOG = "/tmp/fluentd/csv/access.csv";
/** Table-name templates; `{D}` is replaced by the day. */
export const DEFAULT_USER_TABLE = "user_{D}";
export const DEFAULT_PURCHASE_TABLE = "purchase_{D}";

/** Which executor runs the plans: this thread, worker threads, or Apache Spark through Spark Connect. */
export type ExecutorName = "local" | "workers" | "spark";

/** A job's progress and summary lines; the CLI decides where they go. */
export interface JobReporter {
  /** A transient status (drawn on a terminal, dropped otherwise). */
  progress(message: string): void;
  /** A line that belongs to the run's output. */
  info(message: string): void;
}

/** A reporter that says nothing (the default for library calls and tests). */
export const silentReporter: JobReporter = Object.freeze({ progress: () => {}, info: () => {} });

/** Options every job takes. */
export interface CommonOptions {
  /** Warehouse root `R` (default `/tmp/target`). */
  readonly warehouse?: string;
  /** Service time zone (default `Asia/Seoul`). */
  readonly timeZone?: string;
  /** `local` (default), `workers` or `spark` (Spark Connect at `$LGDE_SPARK_URL`). */
  readonly executor?: ExecutorName;
  /** Where customers, purchases and the access log come from (default: MySQL + access.csv from the environment). */
  readonly sources?: ShopSources;
  readonly reporter?: JobReporter;
}

/** Resolved common options. */
export interface Resolved {
  readonly warehouse: string;
  readonly timeZone: string;
  readonly executor: ExecutorName;
  readonly reporter: JobReporter;
}

export function resolveCommon(o: CommonOptions): Resolved {
  return {
    warehouse: o.warehouse ?? DEFAULT_WAREHOUSE,
    timeZone: o.timeZone ?? DEFAULT_TIME_ZONE,
    executor: o.executor ?? "local",
    reporter: o.reporter ?? silentReporter,
  };
}

/** `user_{D}` → `user_20201025`. */
export function tableName(template: string, day: string): string {
  return template.split("{D}").join(day);
}
