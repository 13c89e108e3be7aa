// Where the shop's data comes from: pluggable, so the same jobs run on MySQL or on the demo's files.
import type { DataFrame, Session } from "@lgde/core";

/**
 * The shop's three sources (LGDE_SPEC §1). `users`/`purchases` return the day's table with at least the
 * columns of §1 (types are cast by the ingest job); they fail with an error naming the missing table or file.
 */
export interface ShopSources {
  /** A short description for messages, never containing a password. */
  readonly description: string;
  /** The customer table as of `day` (`user_D`). */
  users(spark: Session, day: string): Promise<DataFrame>;
  /** The sales table of `day` (`purchase_D`, may hold earlier days' rows). */
  purchases(spark: Session, day: string): Promise<DataFrame>;
  /** The access log CSV (`a_time,a_uid,a_id` with a header). */
  readonly accessLog: string;
  /** The MySQL URL the metrics are served to (table `lgde`), or null when there is no server (the demo). */
  readonly servingUrl: string | null;
}
