// The ingestion job (LGDE_SPEC §2): day D's customers, purchases and access lines into the warehouse.
import { col, count, lit, type DataFrame, type Session } from "@lgde/core";
import { checkDay, checkTimeZone } from "../dates.js";
import { resolveCommon, type CommonOptions } from "../config.js";
import { paths } from "../paths.js";
import { defaultSources } from "../sources/default-sources.js";
import { withSession } from "../session.js";
import { untyped } from "../frame.js";
import { accessRejects, accessRows, classifyLines, readAccessLog } from "./access-log.js";

export interface IngestOptions extends CommonOptions {
  /** The day to ingest, `yyyyMMdd`. */
  readonly date: string;
}

/** What an ingestion wrote. */
export interface IngestSummary {
  readonly date: string;
  /** Rows written per output (`user`, `purchase`, `access`, `access_rejects`). */
  readonly rows: { readonly user: number; readonly purchase: number; readonly access: number; readonly access_rejects: number };
  /** Rejected lines by reason. */
  readonly rejectReasons: Readonly<Record<string, number>>;
  /** The partitions written. */
  readonly paths: readonly string[];
}

/** Day D's customer table in the exact types of `R/user/D/`. */
export function shapeUsers(users: DataFrame, day: string): DataFrame {
  return untyped(users
    .select(
      col("u_id").cast("int").as("u_id"),
      col("u_name").cast("string").as("u_name"),
      col("u_gender").cast("string").as("u_gender"),
      col("u_signup").cast("int").as("u_signup"),
      lit(day).as("dt"),
    )
    .orderBy("u_id"));
}

/** Day D's sales table in the exact types of `R/purchase/D/` (all its rows: the metrics job picks day D's). */
export function shapePurchases(purchases: DataFrame, day: string): DataFrame {
  return untyped(purchases
    .select(
      col("p_time").cast("string").as("p_time"),
      col("p_uid").cast("int").as("p_uid"),
      col("p_id").cast("int").as("p_id"),
      col("p_name").cast("string").as("p_name"),
      col("p_amount").cast("int").as("p_amount"),
      lit(day).as("dt"),
    )
    .orderBy("p_time", "p_uid", "p_id"));
}

/** Runs the ingestion of one day. Every partition is replaced atomically by the writers; a re-run writes the same contents. */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const day = checkDay(options.date);
  const o = resolveCommon(options);
  checkTimeZone(o.timeZone);
  const sources = options.sources ?? defaultSources();
  return await withSession(o.timeZone, o.executor, async (spark) => {
    // Open every source before writing anything: a missing table or file fails the day with nothing written.
    o.reporter.progress(`ingest ${day}: opening sources (${sources.description})`);
    const userSource = await sources.users(spark, day);
    const purchaseSource = await sources.purchases(spark, day);
    const rawLog = await readAccessLog(spark, sources.accessLog);
    // Compute everything, then write: a failure while reading leaves the warehouse untouched.
    o.reporter.progress(`ingest ${day}: reading customers`);
    const users = await materialize(spark, shapeUsers(userSource, day));
    o.reporter.progress(`ingest ${day}: reading purchases`);
    const purchases = await materialize(spark, shapePurchases(purchaseSource, day));
    o.reporter.progress(`ingest ${day}: reading the access log ${sources.accessLog}`);
    // Classified once and kept: the good lines, the dated rejects and the undated rejects all read it.
    const lines = await materialize(spark, classifyLines(rawLog));
    const access = await materialize(spark, accessRows(lines, day));
    const rejects = await materialize(spark, accessRejects(lines, day));

    const out = {
      user: paths.user(o.warehouse, day),
      purchase: paths.purchase(o.warehouse, day),
      access: paths.access(o.warehouse, day),
      rejects: paths.accessRejects(o.warehouse, day),
    };
    o.reporter.progress(`ingest ${day}: writing ${out.user}`);
    const user = await users.write.mode("overwrite").parquet(out.user);
    o.reporter.progress(`ingest ${day}: writing ${out.purchase}`);
    const purchase = await purchases.write.mode("overwrite").parquet(out.purchase);
    o.reporter.progress(`ingest ${day}: writing ${out.access}`);
    const accessResult = await access.write.mode("overwrite").json(out.access);
    o.reporter.progress(`ingest ${day}: writing ${out.rejects}`);
    const rejectResult = await rejects.write.mode("overwrite").json(out.rejects);

    const reasons = await rejects.groupBy("reason").agg(count(lit(1)).as("n")).orderBy("reason").collect();
    const rejectReasons: Record<string, number> = {};
    for (const r of reasons) rejectReasons[String(r["reason"])] = Number(r["n"]);
    return {
      date: day,
      rows: { user: user.rows, purchase: purchase.rows, access: accessResult.rows, access_rejects: rejectResult.rows },
      rejectReasons,
      paths: [out.user, out.purchase, out.access, out.rejects],
    };
  }, o.reporter);
}

/** Runs a frame once and keeps the result in memory, so that writing it and summarizing it read the sources once. */
export async function materialize(spark: Session, df: DataFrame): Promise<DataFrame> {
  return spark.createDataFrame(await df.toArrow());
}
