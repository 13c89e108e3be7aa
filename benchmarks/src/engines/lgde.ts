// Our engine, on the local executor or on the workers executor: the LGDE jobs' DataFrame code.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Session, coalesce, col, count, countDistinct, desc, asc, fromUnixtime, lit, max, min, sum, type DataFrame, type Executor } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "@lgde/io";
import type { ShopFiles } from "../gen/generate.js";
import { answer, type Answer, type Case, type Engine, type EngineSuite } from "./engine.js";
import { DAY, DAY_END, DAY_START, checkWrittenJson, checkWrittenParquet, rowsText, sumInt32 } from "./shared.js";

const ACCESS_JSON_DDL = "a_time bigint, a_uid int, a_id string";

async function session(executor: () => Promise<Executor>): Promise<Session> {
  return Session.builder().appName("bench").timeZone("Asia/Seoul").executor(await executor()).use(io()).getOrCreate();
}

async function one(df: { first(): Promise<object | undefined> }): Promise<Answer> {
  const row = await df.first();
  if (row === undefined) throw new Error("the engine returned no row");
  return answer(row as Record<string, unknown>);
}

/** The day's pipeline (LGDE_SPEC §3–4), written as packages/jobs/src/metrics writes it (without sessions/DAAT). */
export async function lgdePipeline(spark: Session, f: ShopFiles): Promise<Answer> {
  const user = await spark.read.parquet(f.file("user", "parquet"));
  const purchaseAll = await spark.read.parquet(f.file("purchase", "parquet"));
  const yesterday = await spark.read.parquet(f.file("dim_yesterday", "parquet"));
  const access = (await spark.read.parquet(f.file("access", "parquet"))).distinct();
  const t = col("p_time").cast("bigint");
  const purchase = purchaseAll.where(t.geq(lit(DAY_START)).and(t.lt(lit(DAY_END))));

  const y = yesterday.select(
    col("d_uid").as("y_uid"), col("d_name").as("y_name"), col("d_gender").as("y_gender"),
    col("d_acount").as("y_acount"), col("d_pamount").as("y_pamount"), col("d_pcount").as("y_pcount"),
    col("d_first_purchase").as("y_first"),
  );
  const ids = yesterday.select(col("d_uid").as("uid"))
    .union(access.select(col("a_uid").as("uid")))
    .union(purchase.select(col("p_uid").as("uid")))
    .distinct();
  const logins = access.where(col("a_id").equalTo(lit("login"))).groupBy(col("a_uid").as("t_uid")).agg(count(lit(1)).as("t_acount"));
  const buys = purchase.groupBy(col("p_uid").as("b_uid"))
    .agg(sum(col("p_amount")).as("t_pamount"), count(lit(1)).as("t_pcount"), min(col("p_time").cast("bigint")).as("t_first"));
  const customers = user.groupBy(col("u_id").as("c_uid")).agg(max(col("u_name")).as("c_name"), max(col("u_gender")).as("c_gender"));
  const zero = lit(0);
  const dim = ids
    .join(y, col("uid").equalTo(col("y_uid")), "left")
    .join(logins, col("uid").equalTo(col("t_uid")), "left")
    .join(buys, col("uid").equalTo(col("b_uid")), "left")
    .join(customers, col("uid").equalTo(col("c_uid")), "left")
    .select(
      col("uid").cast("int").as("d_uid"),
      coalesce(col("y_name"), col("c_name")).as("d_name"),
      coalesce(col("y_gender"), col("c_gender")).as("d_gender"),
      coalesce(col("y_acount"), zero).plus(coalesce(col("t_acount"), zero)).cast("bigint").as("d_acount"),
      coalesce(col("y_pamount"), zero).plus(coalesce(col("t_pamount"), zero)).cast("bigint").as("d_pamount"),
      coalesce(col("y_pcount"), zero).plus(coalesce(col("t_pcount"), zero)).cast("bigint").as("d_pcount"),
      coalesce(col("y_first"), fromUnixtime(col("t_first"), "yyyy-MM-dd HH:mm:ss")).as("d_first_purchase"),
    );
  const one1 = lit(1);
  const rows = access.agg(count(one1).as("access_rows"), countDistinct(col("a_uid")).as("dau"));
  const sales = purchase.agg(countDistinct(col("p_uid")).as("pu"), coalesce(sum(col("p_amount")), lit(0)).cast("bigint").as("dr"));
  const dnu = access.select(col("a_uid").as("uid")).distinct()
    .subtract(yesterday.select(col("d_uid").as("uid")))
    .agg(count(one1).as("dnu"));
  const dfpu = purchase.select(col("p_uid").as("uid")).distinct()
    .subtract(yesterday.where(col("d_first_purchase").isNotNull()).select(col("d_uid").as("uid")))
    .agg(count(one1).as("dfpu"));
  const totals = dim.agg(
    coalesce(sum(col("d_pamount")), lit(0)).cast("bigint").as("ar"), count(one1).as("users"),
    sum(col("d_acount")).as("acount"), sum(col("d_pcount")).as("pcount"),
    count(col("d_name")).as("named"), count(col("d_first_purchase")).as("first"), max(col("d_first_purchase")).as("first_max"),
  );
  return await one(rows.crossJoin(sales).crossJoin(dnu).crossJoin(dfpu).crossJoin(totals));
}

function operatorCases(access: DataFrame, user: DataFrame, purchase: DataFrame): Case[] {
  const c = (name: string, run: () => Promise<Answer>): Case => ({ name, run });
  return [
    c("filter", () => one(access.where(col("a_id").equalTo(lit("login")).and(col("a_time").geq(lit(DAY_START + 43_200))))
      .agg(count(lit(1)).as("rows"), sum(col("a_uid")).as("sum_uid")))),
    c("project", () => one(access.select(col("a_time").minus(lit(DAY_START)).multiply(2).plus(col("a_uid")).as("x")).agg(sum(col("x")).as("sum_x")))),
    c("group-by int", () => one(access.groupBy("a_uid").agg(count(lit(1)).as("n")).agg(count(lit(1)).as("groups"), max(col("n")).as("max_n")))),
    c("group-by string", () => one(purchase.groupBy("p_name").agg(count(lit(1)).as("n"), sum(col("p_amount")).as("s"))
      .agg(count(lit(1)).as("groups"), max(col("s")).as("max_sum")))),
    c("count-distinct", () => one(access.agg(countDistinct(col("a_uid")).as("n")))),
    c("inner join", () => one(user.join(access, col("u_id").equalTo(col("a_uid")), "inner").agg(count(lit(1)).as("rows"), sum(col("u_signup")).as("sum_signup")))),
    c("left join", () => one(access.join(user, col("a_uid").equalTo(col("u_id")), "left").agg(count(lit(1)).as("rows"), count(col("u_name")).as("named")))),
    c("distinct", () => one(access.distinct().agg(count(lit(1)).as("rows")))),
    c("sort+limit", async () => {
      const rows = await access.orderBy(desc("a_time"), asc("a_uid"), asc("a_id")).limit(10).collect();
      return { rows: rowsText(rows as { a_time: unknown; a_uid: unknown; a_id: unknown }[]) };
    }),
  ];
}

/** Our engine on the executor that `executor()` makes. */
export function lgdeEngine(name: string, description: string, executor: () => Promise<Executor>): Engine {
  return {
    name,
    description,
    async pipeline(f): Promise<EngineSuite> {
      const spark = await session(executor);
      return { cases: [{ name: "pipeline", run: () => lgdePipeline(spark, f) }], close: () => spark.stop() };
    },
    async operators(f): Promise<EngineSuite> {
      const spark = await session(executor);
      // In memory first, as the peers' tables are: the cases time the operators, not the reading.
      const load = async (t: "access" | "user" | "purchase") => spark.createDataFrame(await (await spark.read.parquet(f.file(t, "parquet"))).toArrow());
      const cases = operatorCases(await load("access"), await load("user"), await load("purchase"));
      return { cases, close: () => spark.stop() };
    },
    async io(f, scratch): Promise<EngineSuite> {
      const spark = await session(executor);
      const inMemory = spark.createDataFrame(await (await spark.read.parquet(f.file("access", "parquet"))).toArrow());
      const pq = join(scratch, `${name}-parquet`), js = join(scratch, `${name}-json`);
      mkdirSync(scratch, { recursive: true });
      const loaded = async (df: { toArrow(): Promise<import("apache-arrow").Table> }): Promise<Answer> => {
        const t = await df.toArrow();
        return answer({ rows: t.numRows, sum_uid: sumInt32(t, "a_uid") });
      };
      return {
        cases: [
          { name: "read parquet", run: async () => loaded(await spark.read.parquet(f.file("access", "parquet"))) },
          { name: "read jsonl", run: async () => loaded(await spark.read.format("json").schema(ACCESS_JSON_DDL).load(f.file("access", "jsonl"))) },
          { name: "write parquet", run: async () => { await inMemory.write.mode("overwrite").parquet(pq); }, verify: async () => checkWrittenParquet(pq) },
          { name: "write jsonl", run: async () => { await inMemory.write.mode("overwrite").json(js); }, verify: async () => checkWrittenJson(js) },
        ],
        close: async () => { await spark.stop(); rmSync(pq, { recursive: true, force: true }); rmSync(js, { recursive: true, force: true }); },
      };
    },
  };
}

export const lgdeLocal = lgdeEngine("lgde-local", "our engine, local executor (one thread)", async () => local());

/** The workers executor is loaded by name at run time: an unfinished package makes this engine fail, not the build. */
export const lgdeWorkers = lgdeEngine("lgde-workers", "our engine, workers executor (threads = cores)", async () => {
  const spec = "@lgde/executor-workers";
  const m = (await import(spec)) as { workers: (o: { threads?: number }) => Executor };
  return m.workers({});
});

export { DAY };
