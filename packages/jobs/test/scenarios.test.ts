// Hand-built shops covering every rule of LGDE_SPEC §2–§5, on file sources in temporary folders.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ingest, metrics, runRange, KPI_COLUMNS, REJECT_REASONS, paths } from "../src/index.js";
import { at, partitionContents, readJsonLines, readParquet, tinyShop, type TinyShop } from "./helpers/shop.js";

const D1 = "20240101";
const D2 = "20240102";
const Z = "UTC";
const u = (id: number, name: string, signup: string) => ({ u_id: id, u_name: name, u_gender: id % 2 ? "M" : "F", u_signup: Number(signup) });

// The access log, in file order. The header is line 1, so LOG[i] is line i + 2.
const LOG = [
  `${at(D1, "08:00:00", Z)},1,login`,
  `${at(D1, "08:30:00", Z)},1,logout`, //     user 1: a 1800 s session
  `${at(D1, "08:00:00", Z)},1,login`, //      an exact duplicate (written once)
  `${at(D1, "09:00:00", Z)},2,logout`, //     a logout without a login: ignored
  `abc,1,login`, //                            line 6: time not a number (undatable: day 1 by its place)
  `${at(D1, "10:00:00", Z)},2,login`, //      two logins then a logout:
  `${at(D1, "10:10:00", Z)},2,login`, //      the first is dropped,
  `${at(D1, "10:40:00", Z)},2,logout`, //     the session is 1800 s
  `${at(D1, "11:00:00", Z)},x,login`, //      line 10: uid not a number
  `${at(D1, "11:00:00", Z)},2,logon`, //      line 11: unknown a_id
  `${at(D1, "11:00:00", Z)},2`, //            line 12: too few columns
  `${at(D1, "23:50:00", Z)},1,login`, //      a session open at midnight...
  `${at(D2, "00:10:00", Z)},1,logout`, //     ...closed the next day: counted on neither day
  `${at(D2, "01:00:00", Z)},1,login`,
  `${at(D2, "01:20:00", Z)},1,logout`, //     user 1: 1200 s
  `${at(D2, "05:00:00", Z)},3,login`, //      user 3: in the table since day 1, first seen on day 2
  `${at(D2, "05:30:00", Z)},3,logout`, //     1800 s
  `${at(D2, "06:00:00", Z)},9,login`, //      user 9: not in the customer table
  `${at(D2, "06:05:00", Z)},9,login,extra`, // line 20: too many columns (day 2)
  `later,9,logout`, //                        line 21: undatable after the last datable line: the file's last day (2)
];

function shop(): TinyShop {
  const day1Users = [u(1, "Ann", D1), u(2, "Bob", D1), u(3, "Cat", D1), u(5, "Eve", D1)];
  return tinyShop({
    users: { [D1]: day1Users, [D2]: [...day1Users, u(4, "Dan", D2)] },
    purchases: {
      [D1]: [
        { p_time: at(D1, "23:59:59", Z), p_uid: 2, p_amount: 100 }, // a second before midnight: day 1
        { p_time: at(D1, "12:00:00", Z), p_uid: 5, p_amount: 50 }, //  a paying customer with no access log
        { p_time: at(D2, "00:00:00", Z), p_uid: 2, p_amount: 200 }, // exactly at midnight: day 2, not day 1
      ],
      [D2]: [
        { p_time: at(D1, "23:59:59", Z), p_uid: 2, p_amount: 100 }, // yesterday's row, left out
        { p_time: at(D2, "00:00:00", Z), p_uid: 2, p_amount: 200 },
        { p_time: at(D2, "07:00:00", Z), p_uid: 9, p_amount: 30 },
      ],
    },
    log: LOG,
  });
}

const opts = (s: TinyShop) => ({ warehouse: s.warehouse, timeZone: Z, sources: s.sources });

function kpiJson(s: TinyShop, day: string): Record<string, unknown> {
  const rows = readJsonLines(paths.kpi(s.warehouse, day));
  expect(rows).toHaveLength(1);
  return rows[0] as Record<string, unknown>;
}

describe("a two-day shop", () => {
  it("ingests each day's lines, de-duplicated, with rejects by day", async () => {
    const s = shop();
    const summary = await ingest({ ...opts(s), date: D1 });
    expect(summary.rows).toEqual({ user: 4, purchase: 3, access: 7, access_rejects: 4 });
    const access = readJsonLines(paths.access(s.warehouse, D1));
    expect(access).toHaveLength(7);
    expect(Object.keys(access[0] as object)).toEqual(["a_id", "a_tag", "a_time", "a_timestamp", "a_uid", "dt"]);
    expect(access[0]).toEqual({ a_id: "login", a_tag: "access", a_time: at(D1, "08:00:00", Z), a_timestamp: "2024-01-01 08:00:00.000", a_uid: 1, dt: D1 });
    const rejects = readJsonLines(paths.accessRejects(s.warehouse, D1));
    expect(rejects.map((r) => [r["line"], r["reason"], r["record"]])).toEqual([
      [6, REJECT_REASONS.time, "abc,1,login"],
      [10, REJECT_REASONS.uid, `${at(D1, "11:00:00", Z)},x,login`],
      [11, REJECT_REASONS.event, `${at(D1, "11:00:00", Z)},2,logon`],
      [12, expect.any(String), expect.stringContaining(`${at(D1, "11:00:00", Z)},2`)],
    ]);

    const day2 = await ingest({ ...opts(s), date: D2 });
    expect(day2.rows.access).toBe(6);
    expect(day2.rows.access_rejects).toBe(2);
    const rejects2 = readJsonLines(paths.accessRejects(s.warehouse, D2));
    expect(rejects2.map((r) => r["line"])).toEqual([20, 21]);
    expect(rejects2[1]?.["record"]).toBe("later,9,logout");
  });

  it("computes both days' figures and dimensions", async () => {
    const s = shop();
    const days = await runRange({ ...opts(s), from: D1, to: D2, firstDay: true });
    expect(days.map((d) => d.metrics.kpi)).toEqual([
      { dt: D1, dau: 2, pu: 2, dr: 150, arpu: 75, arppu: 75, daat: 1800, dnu: 2, dfpu: 2, ar: 150, users: 3, ltv: 50 },
      { dt: D2, dau: 3, pu: 2, dr: 230, arpu: 230 / 3, arppu: 115, daat: 1500, dnu: 2, dfpu: 1, ar: 380, users: 5, ltv: 76 },
    ]);
    expect(Object.keys(kpiJson(s, D2))).toEqual([...KPI_COLUMNS]);
    expect(kpiJson(s, D1)).toEqual({ dt: D1, dau: 2, pu: 2, dr: 150, arpu: 75, arppu: 75, daat: 1800, dnu: 2, dfpu: 2, ar: 150, users: 3, ltv: 50 });

    const dim1 = await readParquet(paths.dimension(s.warehouse, D1));
    expect(dim1.types).toEqual({
      d_uid: "Int32", d_name: "Utf8", d_gender: "Utf8", d_acount: "Int64", d_pamount: "Int64", d_pcount: "Int64",
      d_first_purchase: "Utf8", dt: "Utf8",
    });
    expect(dim1.rows).toEqual([
      { d_uid: 1, d_name: "Ann", d_gender: "M", d_acount: 2, d_pamount: 0, d_pcount: 0, d_first_purchase: null, dt: D1 },
      { d_uid: 2, d_name: "Bob", d_gender: "F", d_acount: 2, d_pamount: 100, d_pcount: 1, d_first_purchase: "2024-01-01 23:59:59", dt: D1 },
      { d_uid: 5, d_name: "Eve", d_gender: "M", d_acount: 0, d_pamount: 50, d_pcount: 1, d_first_purchase: "2024-01-01 12:00:00", dt: D1 },
    ]);
    const dim2 = await readParquet(paths.dimension(s.warehouse, D2));
    expect(dim2.rows).toEqual([
      { d_uid: 1, d_name: "Ann", d_gender: "M", d_acount: 3, d_pamount: 0, d_pcount: 0, d_first_purchase: null, dt: D2 },
      { d_uid: 2, d_name: "Bob", d_gender: "F", d_acount: 2, d_pamount: 300, d_pcount: 2, d_first_purchase: "2024-01-01 23:59:59", dt: D2 },
      { d_uid: 3, d_name: "Cat", d_gender: "M", d_acount: 1, d_pamount: 0, d_pcount: 0, d_first_purchase: null, dt: D2 },
      { d_uid: 5, d_name: "Eve", d_gender: "M", d_acount: 0, d_pamount: 50, d_pcount: 1, d_first_purchase: "2024-01-01 12:00:00", dt: D2 },
      { d_uid: 9, d_name: null, d_gender: null, d_acount: 1, d_pamount: 30, d_pcount: 1, d_first_purchase: "2024-01-02 07:00:00", dt: D2 },
    ]);
    expect(days[1]?.metrics.purchaseRowsOutsideDay).toBe(1);
  });

  it("re-running a day writes the same files and touches no other day", async () => {
    const s = shop();
    await runRange({ ...opts(s), from: D1, to: D2, firstDay: true });
    const outputs = (day: string) =>
      [paths.user, paths.purchase, paths.access, paths.accessRejects, paths.dimension, paths.kpi].map((p) => partitionContents(p(s.warehouse, day)));
    const before1 = outputs(D1);
    const before2 = outputs(D2);
    await ingest({ ...opts(s), date: D1 });
    await metrics({ ...opts(s), date: D1, firstDay: true });
    expect(outputs(D1)).toEqual(before1);
    expect(outputs(D2)).toEqual(before2);
  });

  it("refuses day 2 before day 1, naming the missing day", async () => {
    const s = shop();
    await ingest({ ...opts(s), date: D2 });
    await expect(metrics({ ...opts(s), date: D2 })).rejects.toThrow(/20240101/);
    await expect(metrics({ ...opts(s), date: D2 })).rejects.toThrow(/--first-day/);
  });

  it("names a missing source table, and writes nothing for that day", async () => {
    const s = shop();
    await expect(ingest({ ...opts(s), date: "20240103" })).rejects.toThrow(/user_20240103/);
    await expect(metrics({ ...opts(s), date: "20240103", firstDay: true })).rejects.toThrow(/user\/20240103/);
  });

  it("reads days in the configured time zone", async () => {
    // 2024-01-01 20:00 UTC is 15:00 in New York (day 1) and 05:00 on day 2 in Seoul.
    const t = at(D1, "20:00:00", "UTC");
    const make = () =>
      tinyShop({
        users: { [D1]: [u(1, "Ann", D1)], [D2]: [u(1, "Ann", D1)] },
        purchases: { [D1]: [{ p_time: t + 60, p_uid: 1, p_amount: 10 }], [D2]: [{ p_time: t + 60, p_uid: 1, p_amount: 10 }] },
        log: [`${t},1,login`, `${t + 600},1,logout`],
      });
    const ny = make();
    const nyDays = await runRange({ warehouse: ny.warehouse, sources: ny.sources, timeZone: "America/New_York", from: D1, to: D2, firstDay: true });
    expect(nyDays.map((d) => [d.metrics.kpi.dau, d.metrics.kpi.dr, d.metrics.kpi.daat])).toEqual([[1, 10, 600], [0, 0, null]]);
    expect(readJsonLines(paths.access(ny.warehouse, D1))[0]?.["a_timestamp"]).toBe("2024-01-01 15:00:00.000");
    const nyDim = await readParquet(paths.dimension(ny.warehouse, D1));
    expect(nyDim.rows[0]?.["d_first_purchase"]).toBe("2024-01-01 15:01:00");

    const seoul = make();
    const seoulDays = await runRange({ warehouse: seoul.warehouse, sources: seoul.sources, timeZone: "Asia/Seoul", from: D1, to: D2, firstDay: true });
    expect(seoulDays.map((d) => [d.metrics.kpi.dau, d.metrics.kpi.dr, d.metrics.kpi.arpu])).toEqual([[0, 0, null], [1, 10, 10]]);
    expect(readJsonLines(paths.access(seoul.warehouse, D2))[0]?.["a_timestamp"]).toBe("2024-01-02 05:00:00.000");
    // An empty day: zero counts and sums; the undefined ratios are null (the io JSON writer omits null fields).
    expect(kpiJson(seoul, D1)).toMatchObject({ dt: D1, dau: 0, pu: 0, dr: 0, dnu: 0, dfpu: 0, ar: 0, users: 0 });
    expect(seoulDays[0]?.metrics.kpi).toMatchObject({ arpu: null, arppu: null, daat: null, ltv: null });
  });

  it("keeps every KPI name on an empty day, with nulls (io's ignoreNullFields: false)", async () => {
    const empty = tinyShop({ users: { "20231231": [] }, purchases: { "20231231": [] }, log: [] });
    await runRange({ warehouse: empty.warehouse, sources: empty.sources, timeZone: Z, from: "20231231", to: "20231231", firstDay: true });
    expect(kpiJson(empty, "20231231")).toEqual({
      dt: "20231231", dau: 0, pu: 0, dr: 0, arpu: null, arppu: null, daat: null, dnu: 0, dfpu: 0, ar: 0, users: 0, ltv: null,
    });
  });

  it("keeps the access files' text stable (a JSON object per line)", async () => {
    const s = shop();
    await ingest({ ...opts(s), date: D1 });
    const files = partitionContents(paths.access(s.warehouse, D1));
    expect(files.length).toBeGreaterThan(0);
    const text = readJsonLines(paths.access(s.warehouse, D1)).map((r) => JSON.stringify(r)).join("\n");
    expect(text).toContain('"a_tag":"access"');
    expect(readFileSync(join(s.dir, "access.csv"), "utf8")).toContain("abc,1,login");
  });
});
