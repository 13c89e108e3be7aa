// Arquero 7: tables in memory, loaded as its users load them (Parquet via parquet-wasm into Arrow, then
// fromArrow; JSON lines parsed into row objects). Single-threaded, like our local executor.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import type { ShopFiles } from "../gen/generate.js";
import { seoulTime } from "../gen/columns.js";
import { answer, type Answer, type Case, type Engine } from "./engine.js";
import { DAY_END, DAY_START, checkWrittenJson, checkWrittenParquet, parquetBytes, readParquetIpc, rowsText } from "./shared.js";

const op = aq.op;
type Table = aq.ColumnTable;
type Row = Record<string, unknown>;

function load(file: string): Table {
  // Int64 columns as numbers (the values fit in 2^53), as a JavaScript user wants them.
  return aq.fromArrow(readParquetIpc(file), { useBigInt: false });
}

function first(t: Table): Answer {
  return answer(t.object(0) as Row);
}

const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));

/** The day's pipeline, mirroring packages/jobs/src/metrics. */
export function arqueroPipeline(f: ShopFiles): Answer {
  const access = load(f.file("access", "parquet")).dedupe();
  const purchase = load(f.file("purchase", "parquet"))
    .derive({ pt: (d: Row) => op.parse_int(d.p_time as string) })
    .params({ S: DAY_START, E: DAY_END })
    .filter((d: Row, $: Row) => (d.pt as number) >= ($.S as number) && (d.pt as number) < ($.E as number));
  const y = load(f.file("dim_yesterday", "parquet"));
  const user = load(f.file("user", "parquet"));
  const customers = user.groupby("u_id").rollup({ c_name: (d: Row) => op.max(d.u_name), c_gender: (d: Row) => op.max(d.u_gender) });
  const ids = y.select({ d_uid: "uid" }).concat(access.select({ a_uid: "uid" }), purchase.select({ p_uid: "uid" })).dedupe();
  const logins = access.filter((d: Row) => d.a_id === "login").groupby("a_uid").count({ as: "t_acount" });
  const buys = purchase.groupby("p_uid").rollup({
    t_pamount: (d: Row) => op.sum(d.p_amount), t_pcount: () => op.count(), t_first: (d: Row) => op.min(d.pt),
  });
  const dim = ids
    .join_left(y, ["uid", "d_uid"])
    .join_left(logins, ["uid", "a_uid"])
    .join_left(buys, ["uid", "p_uid"])
    .join_left(customers, ["uid", "u_id"])
    .derive({
      d_name: (d: Row) => (d.d_name != null ? d.d_name : d.c_name),
      d_acount: (d: Row) => ((d.d_acount as number) ?? 0) + ((d.t_acount as number) ?? 0),
      d_pamount: (d: Row) => ((d.d_pamount as number) ?? 0) + ((d.t_pamount as number) ?? 0),
      d_pcount: (d: Row) => ((d.d_pcount as number) ?? 0) + ((d.t_pcount as number) ?? 0),
      d_first_purchase: aq.escape((d: Row) => d.d_first_purchase ?? (d.t_first == null ? null : seoulTime(d.t_first as number))),
    });
  const totals = dim.rollup({
    ar: (d: Row) => op.sum(d.d_pamount), users: () => op.count(), acount: (d: Row) => op.sum(d.d_acount), pcount: (d: Row) => op.sum(d.d_pcount),
    named: (d: Row) => op.valid(d.d_name), first: (d: Row) => op.valid(d.d_first_purchase), first_max: (d: Row) => op.max(d.d_first_purchase),
  });
  const auids = access.select({ a_uid: "uid" }).dedupe();
  const puids = purchase.select({ p_uid: "uid" }).dedupe();
  const t = totals.object(0) as Row;
  return answer({
    access_rows: access.numRows(),
    dau: auids.numRows(),
    pu: puids.numRows(),
    dr: purchase.numRows() ? num(purchase.rollup({ s: (d: Row) => op.sum(d.p_amount) }).get("s", 0)) : 0,
    dnu: auids.antijoin(y, ["uid", "d_uid"]).numRows(),
    dfpu: puids.antijoin(y.filter((d: Row) => d.d_first_purchase != null), ["uid", "d_uid"]).numRows(),
    ...t,
  });
}

export const arqueroEngine: Engine = {
  name: "arquero",
  description: "Arquero 7 (in-memory JS tables), one thread",
  async pipeline(f) {
    return { cases: [{ name: "pipeline", run: async () => arqueroPipeline(f) }], close: async () => undefined };
  },
  async operators(f) {
    const access = load(f.file("access", "parquet"));
    const user = load(f.file("user", "parquet"));
    const purchase = load(f.file("purchase", "parquet"));
    const k = (name: string, run: () => Answer): Case => ({ name, run: async () => run() });
    const cases: Case[] = [
      k("filter", () => first(access.params({ T: DAY_START + 43_200 }).filter((d: Row, $: Row) => d.a_id === "login" && (d.a_time as number) >= ($.T as number))
        .rollup({ rows: () => op.count(), sum_uid: (d: Row) => op.sum(d.a_uid) }))),
      k("project", () => first(access.params({ S: DAY_START }).select("a_time", "a_uid").derive({ x: (d: Row, $: Row) => ((d.a_time as number) - ($.S as number)) * 2 + (d.a_uid as number) })
        .rollup({ sum_x: (d: Row) => op.sum(d.x) }))),
      k("group-by int", () => first(access.groupby("a_uid").count({ as: "n" }).rollup({ groups: () => op.count(), max_n: (d: Row) => op.max(d.n) }))),
      k("group-by string", () => first(purchase.groupby("p_name").rollup({ n: () => op.count(), s: (d: Row) => op.sum(d.p_amount) })
        .rollup({ groups: () => op.count(), max_sum: (d: Row) => op.max(d.s) }))),
      k("count-distinct", () => first(access.rollup({ n: (d: Row) => op.distinct(d.a_uid) }))),
      k("inner join", () => first(user.join(access, ["u_id", "a_uid"]).rollup({ rows: () => op.count(), sum_signup: (d: Row) => op.sum(d.u_signup) }))),
      k("left join", () => first(access.join_left(user, ["a_uid", "u_id"]).rollup({ rows: () => op.count(), named: (d: Row) => op.valid(d.u_name) }))),
      k("distinct", () => answer({ rows: access.dedupe().numRows() })),
      k("sort+limit", () => ({ rows: rowsText(access.orderby(aq.desc("a_time"), "a_uid", "a_id").slice(0, 10).objects() as { a_time: unknown; a_uid: unknown; a_id: unknown }[]) })),
    ];
    return { cases, close: async () => undefined };
  },
  async io(f, scratch) {
    mkdirSync(scratch, { recursive: true });
    const src = load(f.file("access", "parquet"));
    const pq = join(scratch, "arquero.parquet"), js = join(scratch, "arquero.jsonl");
    const loaded = (t: Table): Answer => answer({ rows: t.numRows(), sum_uid: t.rollup({ s: (d: Row) => op.sum(d.a_uid) }).get("s", 0) });
    return {
      cases: [
        { name: "read parquet", run: async () => loaded(load(f.file("access", "parquet"))) },
        {
          name: "read jsonl",
          run: async () => {
            const rows = readFileSync(f.file("access", "jsonl"), "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Row);
            return loaded(aq.from(rows));
          },
        },
        { name: "write parquet", run: async () => { writeFileSync(pq, parquetBytes(aq.toArrowIPC(src, { format: "stream" }))); }, verify: async () => checkWrittenParquet(pq) },
        { name: "write jsonl", run: async () => { writeFileSync(js, src.objects().map((r) => JSON.stringify(r)).join("\n") + "\n"); }, verify: async () => checkWrittenJson(js) },
      ],
      close: async () => { rmSync(pq, { force: true }); rmSync(js, { force: true }); },
    };
  },
};
