// DuckDB (@duckdb/node-api), in SQL, in memory: files read with read_parquet / read_json, tables created for the operators.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { ShopFiles } from "../gen/generate.js";
import { answer, type Answer, type Case, type Engine } from "./engine.js";
import { DAY_END, DAY_START, SEOUL_OFFSET_S, checkWrittenJson, checkWrittenParquet, rowsText } from "./shared.js";

const q = (s: string): string => `'${s.replaceAll("'", "''")}'`;

async function connect(): Promise<{ con: DuckDBConnection; close: () => Promise<void> }> {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  return { con, close: async () => { con.closeSync(); db.closeSync(); } };
}

async function one(con: DuckDBConnection, sql: string): Promise<Answer> {
  const rows = (await con.runAndReadAll(sql)).getRowObjectsJS();
  if (rows.length !== 1) throw new Error(`duckdb: expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
  return answer(rows[0]!);
}

/** The day's pipeline as SQL, mirroring packages/jobs/src/metrics (d_first_purchase formatted at UTC+9 = Asia/Seoul). */
export function pipelineSql(f: ShopFiles): string {
  const pt = "CAST(p_time AS BIGINT)";
  return `
WITH access AS (SELECT DISTINCT a_time, a_uid, a_id FROM read_parquet(${q(f.file("access", "parquet"))})),
purchase AS (SELECT * FROM read_parquet(${q(f.file("purchase", "parquet"))}) WHERE ${pt} >= ${DAY_START} AND ${pt} < ${DAY_END}),
y AS (SELECT * FROM read_parquet(${q(f.file("dim_yesterday", "parquet"))})),
customers AS (SELECT u_id AS c_uid, max(u_name) AS c_name, max(u_gender) AS c_gender FROM read_parquet(${q(f.file("user", "parquet"))}) GROUP BY u_id),
ids AS (SELECT d_uid AS uid FROM y UNION SELECT a_uid FROM access UNION SELECT p_uid FROM purchase),
logins AS (SELECT a_uid AS t_uid, count(*) AS t_acount FROM access WHERE a_id = 'login' GROUP BY a_uid),
buys AS (SELECT p_uid AS b_uid, sum(p_amount) AS t_pamount, count(*) AS t_pcount, min(${pt}) AS t_first FROM purchase GROUP BY p_uid),
dim AS (
  SELECT uid AS d_uid, coalesce(y.d_name, c_name) AS d_name, coalesce(y.d_gender, c_gender) AS d_gender,
    coalesce(y.d_acount, 0) + coalesce(t_acount, 0) AS d_acount,
    coalesce(y.d_pamount, 0) + coalesce(t_pamount, 0) AS d_pamount,
    coalesce(y.d_pcount, 0) + coalesce(t_pcount, 0) AS d_pcount,
    coalesce(y.d_first_purchase, strftime(make_timestamp((t_first + ${SEOUL_OFFSET_S}) * 1000000), '%Y-%m-%d %H:%M:%S')) AS d_first_purchase
  FROM ids LEFT JOIN y ON uid = y.d_uid LEFT JOIN logins ON uid = t_uid LEFT JOIN buys ON uid = b_uid LEFT JOIN customers ON uid = c_uid)
SELECT
  (SELECT count(*) FROM access) AS access_rows,
  (SELECT count(DISTINCT a_uid) FROM access) AS dau,
  (SELECT count(DISTINCT p_uid) FROM purchase) AS pu,
  (SELECT coalesce(sum(p_amount), 0) FROM purchase) AS dr,
  (SELECT count(*) FROM (SELECT DISTINCT a_uid FROM access EXCEPT SELECT d_uid FROM y)) AS dnu,
  (SELECT count(*) FROM (SELECT DISTINCT p_uid FROM purchase EXCEPT SELECT d_uid FROM y WHERE d_first_purchase IS NOT NULL)) AS dfpu,
  t.*
FROM (SELECT coalesce(sum(d_pamount), 0) AS ar, count(*) AS users, sum(d_acount) AS acount, sum(d_pcount) AS pcount,
  count(d_name) AS named, count(d_first_purchase) AS first, max(d_first_purchase) AS first_max FROM dim) t`;
}

const OPERATOR_SQL: readonly (readonly [string, string])[] = [
  ["filter", `SELECT count(*) AS rows, sum(a_uid) AS sum_uid FROM access WHERE a_id = 'login' AND a_time >= ${DAY_START + 43_200}`],
  ["project", `SELECT sum(x) AS sum_x FROM (SELECT (a_time - ${DAY_START}) * 2 + a_uid AS x FROM access)`],
  ["group-by int", "SELECT count(*) AS groups, max(n) AS max_n FROM (SELECT a_uid, count(*) AS n FROM access GROUP BY a_uid)"],
  ["group-by string", "SELECT count(*) AS groups, max(s) AS max_sum FROM (SELECT p_name, count(*) AS n, sum(p_amount) AS s FROM purchase GROUP BY p_name)"],
  ["count-distinct", "SELECT count(DISTINCT a_uid) AS n FROM access"],
  ["inner join", "SELECT count(*) AS rows, sum(u_signup) AS sum_signup FROM customers JOIN access ON u_id = a_uid"],
  ["left join", "SELECT count(*) AS rows, count(u_name) AS named FROM access LEFT JOIN customers ON a_uid = u_id"],
  ["distinct", "SELECT count(*) AS rows FROM (SELECT DISTINCT * FROM access)"],
];

export const duckdbEngine: Engine = {
  name: "duckdb",
  description: "DuckDB (@duckdb/node-api), SQL, threads = cores",
  async pipeline(f) {
    const { con, close } = await connect();
    const sql = pipelineSql(f);
    return { cases: [{ name: "pipeline", run: () => one(con, sql) }], close };
  },
  async operators(f) {
    const { con, close } = await connect();
    for (const [t, name] of [["access", "access"], ["user", "customers"], ["purchase", "purchase"]] as const) {
      await con.run(`CREATE TABLE ${name} AS SELECT * FROM read_parquet(${q(f.file(t, "parquet"))})`);
    }
    const cases: Case[] = OPERATOR_SQL.map(([name, sql]) => ({ name, run: () => one(con, sql) }));
    cases.push({
      name: "sort+limit",
      run: async () => {
        const rows = (await con.runAndReadAll("SELECT a_time, a_uid, a_id FROM access ORDER BY a_time DESC, a_uid, a_id LIMIT 10")).getRowObjectsJS();
        return { rows: rowsText(rows as { a_time: unknown; a_uid: unknown; a_id: unknown }[]) };
      },
    });
    return { cases, close };
  },
  async io(f, scratch) {
    const { con, close } = await connect();
    mkdirSync(scratch, { recursive: true });
    await con.run(`CREATE TABLE src AS SELECT * FROM read_parquet(${q(f.file("access", "parquet"))})`);
    const pq = join(scratch, "duckdb.parquet"), js = join(scratch, "duckdb.jsonl");
    const load = async (from: string): Promise<Answer> => {
      await con.run(`CREATE OR REPLACE TABLE loaded AS SELECT * FROM ${from}`);
      return one(con, "SELECT count(*) AS rows, sum(a_uid) AS sum_uid FROM loaded");
    };
    return {
      cases: [
        { name: "read parquet", run: () => load(`read_parquet(${q(f.file("access", "parquet"))})`) },
        { name: "read jsonl", run: () => load(`read_json(${q(f.file("access", "jsonl"))}, format = 'newline_delimited', columns = {a_time: 'BIGINT', a_uid: 'INTEGER', a_id: 'VARCHAR'})`) },
        { name: "write parquet", run: async () => { await con.run(`COPY src TO ${q(pq)} (FORMAT parquet, COMPRESSION snappy)`); }, verify: async () => checkWrittenParquet(pq) },
        { name: "write jsonl", run: async () => { await con.run(`COPY src TO ${q(js)} (FORMAT json)`); }, verify: async () => checkWrittenJson(js) },
      ],
      close: async () => { await close(); rmSync(pq, { force: true }); rmSync(js, { force: true }); },
    };
  },
};
