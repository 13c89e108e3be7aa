// The MySQL sink against a real MariaDB: every save mode, upsert idempotency, round trips and rollback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, schema, type SaveMode, type WriteRequest } from "@lgde/core";
import { createTableSql, mysqlSink, mysqlSource, parseColumnTypes } from "../src/mysql/index.js";
import { adminConnection, batchFrom, batchesOf, context, createTestDatabase, readAll, rowsOf, type TestDatabase } from "./mysql/helpers.js";

const admin = await adminConnection();
let db: TestDatabase;

beforeAll(async () => {
  if (admin !== null) db = await createTestDatabase(admin);
});
afterAll(async () => {
  if (admin === null) return;
  await db.drop();
  await admin.end();
});

const kpi = schema([field("dt", "utf8", false), field("dau", "int64"), field("arpu", "float64"), field("note", "utf8")]);

function request(mode: SaveMode, target: string, options: Record<string, string | number> = {}, s = kpi): WriteRequest {
  return { format: "mysql", mode, target, partitionBy: [], schema: s, options: { url: db.url, ...options } };
}

function day(dts: string[], dau: number[], note = "x"): ReturnType<typeof batchFrom> {
  return batchFrom(kpi, { dt: dts, dau: dau.map(BigInt), arpu: dau.map((d) => d / 4), note: dts.map(() => note) });
}

async function tableRows(table: string): Promise<unknown[]> {
  return db.sql(`SELECT * FROM \`${table}\` ORDER BY 1`);
}

describe.skipIf(admin === null)("mysqlSink against MariaDB", () => {
  it("creates the table from the schema, and append adds rows", async () => {
    const r1 = await mysqlSink.write(batchesOf(day(["2020-10-25"], [10])), request("append", "app"), context());
    expect(r1).toEqual({ rows: 1, files: 0, partitions: [] });
    await mysqlSink.write(batchesOf(day(["2020-10-26", "2020-10-27"], [20, 30])), request("append", "app"), context());
    expect(await tableRows("app")).toEqual([
      { dt: "2020-10-25", dau: 10, arpu: 2.5, note: "x" },
      { dt: "2020-10-26", dau: 20, arpu: 5, note: "x" },
      { dt: "2020-10-27", dau: 30, arpu: 7.5, note: "x" },
    ]);
    const cols = await db.sql("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'app' ORDER BY ORDINAL_POSITION");
    expect(cols).toEqual([
      { COLUMN_NAME: "dt", COLUMN_TYPE: "longtext", IS_NULLABLE: "NO" },
      { COLUMN_NAME: "dau", COLUMN_TYPE: "bigint(20)", IS_NULLABLE: "YES" },
      { COLUMN_NAME: "arpu", COLUMN_TYPE: "double", IS_NULLABLE: "YES" },
      { COLUMN_NAME: "note", COLUMN_TYPE: "longtext", IS_NULLABLE: "YES" },
    ]);
  });

  it("overwrite replaces the contents and keeps the table definition", async () => {
    await db.sql("CREATE TABLE ow (dt CHAR(10) NOT NULL PRIMARY KEY, dau BIGINT, arpu DOUBLE, note VARCHAR(20), extra INT DEFAULT 7)");
    await db.sql("INSERT INTO ow (dt, dau) VALUES ('2000-01-01', 1), ('2000-01-02', 2)");
    const r = await mysqlSink.write(batchesOf(day(["2020-10-25", "2020-10-26"], [10, 20]), day(["2020-10-27"], [30])), request("overwrite", "ow"), context());
    expect(r.rows).toBe(3);
    expect((await tableRows("ow")).map((x) => (x as { dt: string }).dt)).toEqual(["2020-10-25", "2020-10-26", "2020-10-27"]);
    expect((await tableRows("ow"))[0]).toEqual({ dt: "2020-10-25", dau: 10, arpu: 2.5, note: "x", extra: 7 });
  });

  it("overwrite rolls back on failure and leaves the old rows", async () => {
    await db.sql("CREATE TABLE ow2 (dt CHAR(10) NOT NULL PRIMARY KEY, dau BIGINT, arpu DOUBLE, note VARCHAR(20))");
    await db.sql("INSERT INTO ow2 (dt, dau) VALUES ('2000-01-01', 1)");
    // The same key twice violates the primary key inside the transaction.
    const bad = day(["2020-10-25", "2020-10-25"], [1, 2]);
    await expect(mysqlSink.write(batchesOf(bad), request("overwrite", "ow2"), context())).rejects.toThrow(/table ow2.*Duplicate entry/);
    expect(await tableRows("ow2")).toEqual([{ dt: "2000-01-01", dau: 1, arpu: null, note: null }]);
    // A failure in the input stream rolls back too.
    async function* failing() {
      yield day(["2020-10-26"], [5]);
      throw new Error("upstream broke");
    }
    await expect(mysqlSink.write(failing(), request("overwrite", "ow2"), context())).rejects.toThrow(/upstream broke/);
    expect(await tableRows("ow2")).toEqual([{ dt: "2000-01-01", dau: 1, arpu: null, note: null }]);
  });

  it("drops a table it created when the write fails", async () => {
    async function* failing() {
      yield day(["2020-10-26"], [5]);
      throw new Error("upstream broke");
    }
    await expect(mysqlSink.write(failing(), request("append", "never"), context())).rejects.toThrow(/upstream broke/);
    expect(await db.sql("SHOW TABLES LIKE 'never'")).toEqual([]);
  });

  it("errorIfExists fails on an existing table, naming it; ignore skips it", async () => {
    await mysqlSink.write(batchesOf(day(["a"], [1])), request("errorIfExists", "eie"), context());
    await expect(mysqlSink.write(batchesOf(day(["b"], [2])), request("errorIfExists", "eie"), context())).rejects.toThrow(/table eie already exists/);
    const skipped = await mysqlSink.write(batchesOf(day(["c"], [3])), request("ignore", "eie"), context());
    expect(skipped).toEqual({ rows: 0, files: 0, partitions: [], skipped: true });
    expect((await tableRows("eie")).length).toBe(1);
    const written = await mysqlSink.write(batchesOf(day(["c"], [3])), request("ignore", "ign_new"), context());
    expect(written.rows).toBe(1);
  });

  it("upsert creates the table keyed on `key`, replaces matching rows, and is idempotent", async () => {
    const opts = { key: "dt" };
    await mysqlSink.write(batchesOf(day(["2020-10-25", "2020-10-26"], [10, 20], "first")), request("upsert", "lgde", opts), context());
    const rerun = () => mysqlSink.write(batchesOf(day(["2020-10-26", "2020-10-27"], [21, 30], "second")), request("upsert", "lgde", opts), context());
    await rerun();
    const once = await tableRows("lgde");
    await rerun();
    expect(await tableRows("lgde")).toEqual(once);
    expect(once).toEqual([
      { dt: "2020-10-25", dau: 10, arpu: 2.5, note: "first" },
      { dt: "2020-10-26", dau: 21, arpu: 5.25, note: "second" },
      { dt: "2020-10-27", dau: 30, arpu: 7.5, note: "second" },
    ]);
    const pk = await db.sql("SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'lgde' AND INDEX_NAME = 'PRIMARY'");
    expect(pk).toEqual([{ COLUMN_NAME: "dt" }]);
  });

  it("upsert needs a key, and an existing table with a unique index on it", async () => {
    await expect(mysqlSink.write(batchesOf(day(["a"], [1])), request("upsert", "nokey"), context())).rejects.toThrow(/needs option "key"/);
    await expect(mysqlSink.write(batchesOf(day(["a"], [1])), request("upsert", "nokey", { key: "zz" }), context())).rejects.toThrow(/key column "zz" is not in the data/);
    await db.sql("CREATE TABLE plain (dt VARCHAR(10), dau BIGINT, arpu DOUBLE, note TEXT)");
    await expect(mysqlSink.write(batchesOf(day(["a"], [1])), request("upsert", "plain", { key: "dt" }), context())).rejects.toThrow(/plain has no PRIMARY KEY or UNIQUE index on \(dt\)/);
  });

  it("upsert on a composite key given as a comma list", async () => {
    const s = schema([field("dt", "utf8", false), field("g", "int32", false), field("v", "int32")]);
    const b = (v: number) => batchFrom(s, { dt: ["d1", "d1", "d2"], g: [1, 2, 1], v: [v, v, v] });
    await mysqlSink.write(batchesOf(b(1)), request("upsert", "comp", { key: "dt, g" }, s), context());
    await mysqlSink.write(batchesOf(b(2)), request("upsert", "comp", { key: "dt, g" }, s), context());
    expect(await tableRows("comp")).toEqual([{ dt: "d1", g: 1, v: 2 }, { dt: "d1", g: 2, v: 2 }, { dt: "d2", g: 1, v: 2 }]);
  });

  it("round-trips every type, NULLs and Korean text through write and read", async () => {
    const s = schema([
      field("i", "int32", false), field("l", "int64"), field("d", "float64"), field("s", "utf8"), field("b", "bool"),
      field("ts", "timestamp"), field("day", "date"),
    ]);
    const t = new Date(Date.UTC(2020, 9, 25, 15, 0, 0, 250));
    const batch = batchFrom(s, {
      i: [1, 2, 3], l: [9007199254740993n, null, -1n], d: [0.1, null, -1e300], s: ["한국어 😀", null, "it's \\ \"q\""],
      b: [true, null, false], ts: [t, null, new Date(0)], day: [new Date(Date.UTC(2020, 9, 25)), null, new Date(Date.UTC(1970, 0, 1))],
    });
    const ctx = context({ timeZone: "Asia/Seoul" });
    await mysqlSink.write(batchesOf(batch), request("overwrite", "rt", {}, s), ctx);
    // DATETIME holds the wall clock of the session zone.
    expect((await db.sql("SELECT CAST(ts AS CHAR) AS t FROM rt WHERE i = 1"))[0]).toEqual({ t: "2020-10-26 00:00:00.250000" });
    const ref = await mysqlSource.resolve({ url: db.url, table: "rt" });
    expect(ref.schema).toEqual(s);
    const rows = rowsOf(await readAll(ref, { projection: null, filters: [] }, ctx)).sort((a, b) => (a["i"] as number) - (b["i"] as number));
    expect(rows).toEqual(rowsOf([batch]));
  });

  it("splits large writes into several statements under max_allowed_packet and reports progress", async () => {
    const n = 5000;
    const s = schema([field("id", "int32", false), field("txt", "utf8")]);
    const batch = batchFrom(s, { id: Array.from({ length: n }, (_, i) => i), txt: Array.from({ length: n }, (_, i) => "가".repeat(i % 50)) });
    const progress: number[] = [];
    const r = await mysqlSink.write(batchesOf(batch), request("overwrite", "big", { batchSize: 700 }, s), context({ onProgress: (e) => { if (!e.done && e.rows !== undefined) progress.push(e.rows); } }));
    expect(r.rows).toBe(n);
    expect(progress).toEqual([700, 1400, 2100, 2800, 3500, 4200, 4900, 5000]);
    expect(await db.sql("SELECT COUNT(*) AS n, SUM(CHAR_LENGTH(txt)) AS c FROM big")).toEqual([{ n, c: String(Array.from({ length: n }, (_, i) => i % 50).reduce((a, b) => a + b, 0)) }]);
  });

  it("names missing columns of an existing table, and refuses partitionBy", async () => {
    await db.sql("CREATE TABLE narrow (dt VARCHAR(10))");
    await expect(mysqlSink.write(batchesOf(day(["a"], [1])), request("append", "narrow"), context())).rejects.toThrow(/column\(s\) dau, arpu, note of the data do not exist in the table; its columns: dt/);
    await expect(mysqlSink.write(batchesOf(day(["a"], [1])), { ...request("append", "x"), partitionBy: ["dt"] }, context())).rejects.toThrow(/partitionBy is not supported/);
  });

  it("honours createTableColumnTypes and rejects anything but a type name", () => {
    const types = parseColumnTypes("dt CHAR(10), arpu DECIMAL(12, 2)");
    expect(createTableSql("lgde", kpi.fields, ["dt"], types)).toContain("`dt` CHAR(10) NOT NULL");
    expect(createTableSql("lgde", kpi.fields, ["dt"], types)).toContain("`arpu` DECIMAL(12, 2) NULL");
    expect(() => parseColumnTypes("dt CHAR(10)); DROP TABLE x; --")).toThrow(/createTableColumnTypes/);
    expect(() => createTableSql("lgde", kpi.fields, [], parseColumnTypes("nope INT"))).toThrow(/"nope", which is not in the data/);
  });

  it("builds CREATE TABLE with a VARCHAR primary key for string keys", () => {
    expect(createTableSql("lgde", kpi.fields, ["dt"])).toBe(
      "CREATE TABLE `lgde` (`dt` VARCHAR(255) NOT NULL, `dau` BIGINT NULL, `arpu` DOUBLE NULL, `note` LONGTEXT NULL, PRIMARY KEY (`dt`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  });
});
