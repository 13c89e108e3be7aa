// Polars (nodejs-polars 0.22, the last release for Node 20), lazy API where a Polars user would use it.
import { createRequire } from "node:module";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type * as PolarsNs from "nodejs-polars";
import type { ShopFiles } from "../gen/generate.js";
import { answer, type Answer, type Case, type Engine } from "./engine.js";
import { DAY_END, DAY_START, SEOUL_OFFSET_S, checkWrittenJson, checkWrittenParquet, rowsText } from "./shared.js";

// nodejs-polars is CommonJS with a native addon.
const pl = createRequire(import.meta.url)("nodejs-polars") as typeof PolarsNs;
type DF = PolarsNs.pl.DataFrame;

function first(df: DF): Answer {
  const rows = df.toRecords();
  if (rows.length !== 1) throw new Error(`polars: expected one row, got ${rows.length}`);
  return answer(rows[0] as Record<string, unknown>);
}

/** The day's pipeline, mirroring packages/jobs/src/metrics. */
export function polarsPipeline(f: ShopFiles): Answer {
  const c = pl.col, lit = pl.lit;
  const access = pl.readParquet(f.file("access", "parquet")).unique();
  const pt = c("p_time").cast(pl.Int64);
  const purchase = pl.readParquet(f.file("purchase", "parquet")).filter(pt.gtEq(DAY_START).and(pt.lt(DAY_END)));
  const y = pl.readParquet(f.file("dim_yesterday", "parquet"));
  const customers = pl.scanParquet(f.file("user", "parquet")).groupBy("u_id").agg(c("u_name").max().alias("c_name"), c("u_gender").max().alias("c_gender"));
  const ids = pl.concat([y.select(c("d_uid").alias("uid")), access.select(c("a_uid").alias("uid")), purchase.select(c("p_uid").alias("uid"))]).unique().lazy();
  const logins = access.lazy().filter(c("a_id").eq(lit("login"))).groupBy("a_uid").agg(pl.len().alias("t_acount"));
  const buys = purchase.lazy().groupBy("p_uid")
    .agg(c("p_amount").sum().alias("t_pamount"), pl.len().alias("t_pcount"), pt.min().alias("t_first"));
  const firstText = c("t_first").add(SEOUL_OFFSET_S).mul(1000).cast(pl.Datetime("ms")).date.strftime("%Y-%m-%d %H:%M:%S");
  const dim = ids
    .join(y.lazy(), { leftOn: "uid", rightOn: "d_uid", how: "left" })
    .join(logins, { leftOn: "uid", rightOn: "a_uid", how: "left" })
    .join(buys, { leftOn: "uid", rightOn: "p_uid", how: "left" })
    .join(customers, { leftOn: "uid", rightOn: "u_id", how: "left" })
    .select(
      c("uid").alias("d_uid"),
      c("d_name").fillNull(c("c_name")).alias("d_name"),
      c("d_acount").fillNull(0).cast(pl.Int64).add(c("t_acount").fillNull(0).cast(pl.Int64)).alias("d_acount"),
      c("d_pamount").fillNull(0).cast(pl.Int64).add(c("t_pamount").fillNull(0).cast(pl.Int64)).alias("d_pamount"),
      c("d_pcount").fillNull(0).cast(pl.Int64).add(c("t_pcount").fillNull(0).cast(pl.Int64)).alias("d_pcount"),
      c("d_first_purchase").fillNull(firstText).alias("d_first_purchase"),
    );
  const totals = dim.select(
    c("d_pamount").sum().alias("ar"), pl.len().alias("users"), c("d_acount").sum().alias("acount"), c("d_pcount").sum().alias("pcount"),
    c("d_name").count().alias("named"), c("d_first_purchase").count().alias("first"), c("d_first_purchase").max().alias("first_max"),
  ).collectSync();
  const auids = access.select(c("a_uid").alias("uid")).unique();
  const puids = purchase.select(c("p_uid").alias("uid")).unique();
  const dnu = auids.join(y.select(c("d_uid").alias("uid")), { on: "uid", how: "anti" }).height;
  const dfpu = puids.join(y.filter(c("d_first_purchase").isNotNull()).select(c("d_uid").alias("uid")), { on: "uid", how: "anti" }).height;
  const t = totals.toRecords()[0] as Record<string, unknown>;
  return answer({
    access_rows: access.height, dau: auids.height, pu: puids.height, // Summed as Int64: an Int32 sum wraps past 2^31 (the answer check caught it).
    dr: purchase.height ? (purchase.getColumn("p_amount").cast(pl.Int64).sum() as number) : 0,
    dnu, dfpu, ...t,
  });
}

export const polarsEngine: Engine = {
  name: "polars",
  description: `Polars (nodejs-polars ${pl.version ?? ""}), threads = cores`,
  async pipeline(f) {
    return { cases: [{ name: "pipeline", run: async () => polarsPipeline(f) }], close: async () => undefined };
  },
  async operators(f) {
    const c = pl.col, lit = pl.lit;
    const access = pl.readParquet(f.file("access", "parquet"));
    const user = pl.readParquet(f.file("user", "parquet"));
    const purchase = pl.readParquet(f.file("purchase", "parquet"));
    const k = (name: string, run: () => Answer): Case => ({ name, run: async () => run() });
    const cases: Case[] = [
      k("filter", () => first(access.lazy().filter(c("a_id").eq(lit("login")).and(c("a_time").gtEq(DAY_START + 43_200)))
        .select(pl.len().alias("rows"), c("a_uid").cast(pl.Int64).sum().alias("sum_uid")).collectSync())),
      k("project", () => first(access.lazy().select(c("a_time").sub(DAY_START).mul(2).add(c("a_uid")).alias("x")).select(c("x").sum().alias("sum_x")).collectSync())),
      k("group-by int", () => first(access.lazy().groupBy("a_uid").agg(pl.len().alias("n")).select(pl.len().alias("groups"), c("n").max().alias("max_n")).collectSync())),
      k("group-by string", () => first(purchase.lazy().groupBy("p_name").agg(pl.len().alias("n"), c("p_amount").cast(pl.Int64).sum().alias("s"))
        .select(pl.len().alias("groups"), c("s").max().alias("max_sum")).collectSync())),
      k("count-distinct", () => first(access.select(c("a_uid").nUnique().alias("n")))),
      k("inner join", () => first(user.lazy().join(access.lazy(), { leftOn: "u_id", rightOn: "a_uid", how: "inner" })
        .select(pl.len().alias("rows"), c("u_signup").cast(pl.Int64).sum().alias("sum_signup")).collectSync())),
      k("left join", () => first(access.lazy().join(user.lazy(), { leftOn: "a_uid", rightOn: "u_id", how: "left" })
        .select(pl.len().alias("rows"), c("u_name").count().alias("named")).collectSync())),
      k("distinct", () => answer({ rows: access.unique().height })),
      k("sort+limit", () => ({ rows: rowsText(access.lazy()
        // nodejs-polars 0.22 takes one `descending` flag for several keys: negate a_time instead.
        .sort([c("a_time").mul(-1), c("a_uid"), c("a_id")], false).limit(10).collectSync()
        .toRecords() as { a_time: unknown; a_uid: unknown; a_id: unknown }[]) })),
    ];
    return { cases, close: async () => undefined };
  },
  async io(f, scratch) {
    mkdirSync(scratch, { recursive: true });
    const src = pl.readParquet(f.file("access", "parquet"));
    const pq = join(scratch, "polars.parquet"), js = join(scratch, "polars.jsonl");
    const loaded = (df: DF): Answer => answer({ rows: df.height, sum_uid: df.getColumn("a_uid").cast(pl.Int64).sum() as number });
    return {
      cases: [
        { name: "read parquet", run: async () => loaded(pl.readParquet(f.file("access", "parquet"))) },
        { name: "read jsonl", run: async () => loaded(pl.readJSON(f.file("access", "jsonl"), { format: "lines" })) },
        { name: "write parquet", run: async () => { src.writeParquet(pq, { compression: "snappy" }); }, verify: async () => checkWrittenParquet(pq) },
        { name: "write jsonl", run: async () => { src.writeJSON(js, { format: "lines" }); }, verify: async () => checkWrittenJson(js) },
      ],
      close: async () => { rmSync(pq, { force: true }); rmSync(js, { force: true }); },
    };
  },
};
