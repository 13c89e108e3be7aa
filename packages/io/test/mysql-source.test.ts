// The MySQL source against a real MariaDB: type mapping, pushdown, query sources and split partitions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E, type SourceRef } from "@lgde/core";
import { mysqlSource, partitionSql } from "../src/mysql/index.js";
import { ALL, adminConnection, context, createTestDatabase, readAll, rowsOf, type TestDatabase } from "./mysql/helpers.js";

const admin = await adminConnection();
let db: TestDatabase;

beforeAll(async () => {
  if (admin === null) return;
  db = await createTestDatabase(admin);
  await db.sql(`CREATE TABLE typed (
    id INT NOT NULL PRIMARY KEY, ti TINYINT, si SMALLINT, mi MEDIUMINT, iu INT UNSIGNED, bi BIGINT,
    fl FLOAT, db DOUBLE, de DECIMAL(10,2), ch CHAR(3), vc VARCHAR(50) NOT NULL, tx TEXT, en ENUM('a','b'),
    bo BOOLEAN, dt DATETIME(6), ts TIMESTAMP NULL, d DATE)`);
  await db.sql(`INSERT INTO typed VALUES
    (1, -5, 300, 70000, 4000000000, 9007199254740993, 1.5, 0.1, 12.34, 'abc', '한국어 텍스트 😀', 'long text', 'a', TRUE, '2020-10-25 13:14:15.123456', '2020-10-25 01:02:03', '2020-10-25'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '', NULL, NULL, NULL, NULL, NULL, NULL),
    (3, 0, -1, 0, 0, -9223372036854775808, -2, 1e300, -0.5, 'x', 'ASCII', '', 'b', FALSE, '1969-12-31 23:59:59.5', '2038-01-19 03:14:07', '1900-01-01')`);
  await db.sql("CREATE TABLE nums (id INT NOT NULL PRIMARY KEY, k INT NULL, name VARCHAR(20))");
  const values: string[] = [];
  for (let i = 1; i <= 1000; i++) values.push(`(${i}, ${i % 97 === 0 ? "NULL" : i * 3}, 'n${i % 10}')`);
  await db.sql(`INSERT INTO nums VALUES ${values.join(",")}`);
});

afterAll(async () => {
  if (admin === null) return;
  await db.drop();
  await admin.end();
});

describe.skipIf(admin === null)("mysqlSource against MariaDB", () => {
  it("maps MySQL types, keeps NULLs and utf8mb4 text, and masks the password in the description", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "typed" });
    expect(ref.schema.fields.map((f) => [f.name, f.type, f.nullable])).toEqual([
      ["id", "int32", false], ["ti", "int32", true], ["si", "int32", true], ["mi", "int32", true], ["iu", "int64", true],
      ["bi", "int64", true], ["fl", "float64", true], ["db", "float64", true], ["de", "float64", true], ["ch", "utf8", true],
      ["vc", "utf8", false], ["tx", "utf8", true], ["en", "utf8", true], ["bo", "bool", true], ["dt", "timestamp", true],
      ["ts", "timestamp", true], ["d", "date", true],
    ]);
    expect(ref.description).toContain(`${db.user}@127.0.0.1:3306/${db.database}`);
    expect(ref.description).not.toContain(db.password);
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref);

    const batches = await readAll(ref);
    const rows = rowsOf(batches).sort((a, b) => (a["id"] as number) - (b["id"] as number));
    expect(rows[0]).toEqual({
      id: 1, ti: -5, si: 300, mi: 70000, iu: 4000000000n, bi: 9007199254740993n, fl: 1.5, db: 0.1, de: 12.34, ch: "abc",
      vc: "한국어 텍스트 😀", tx: "long text", en: "a", bo: true,
      dt: 1603631655123456 / 1000, ts: Date.UTC(2020, 9, 25, 1, 2, 3), d: Date.UTC(2020, 9, 25),
    });
    expect(rows[1]).toEqual({
      id: 2, ti: null, si: null, mi: null, iu: null, bi: null, fl: null, db: null, de: null, ch: null, vc: "", tx: null, en: null,
      bo: null, dt: null, ts: null, d: null,
    });
    expect(rows[2]!["bi"]).toBe(-9223372036854775808n);
    expect(rows[2]!["bo"]).toBe(false);
    expect(rows[2]!["dt"]).toBe(-500);
    expect(rows[2]!["d"]).toBe(Date.UTC(1900, 0, 1));
    // Microseconds survive exactly in the Arrow column.
    const dtIndex = ref.schema.fields.findIndex((f) => f.name === "dt");
    const micros = batches.flatMap((b) => [...(b.getChildAt(dtIndex)!.data[0]!.values as BigInt64Array).slice(0, b.numRows)]);
    expect(micros).toContain(1603631655123456n);
  });

  it("reads DATETIME as wall-clock time in the session zone, TIMESTAMP as an instant", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "typed" });
    const pushdown = { projection: ["id", "dt", "ts"], filters: [E.binary("=", E.column("id"), E.literal(1))] };
    const rows = rowsOf(await readAll(ref, pushdown, context({ timeZone: "Asia/Seoul" })));
    expect(rows).toEqual([{ id: 1, dt: 1603599255123456 / 1000, ts: Date.UTC(2020, 9, 25, 1, 2, 3) }]);
  });

  it("maps TINYINT(1) to int32 when tinyInt1isBit is false", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "typed", tinyInt1isBit: false });
    expect(ref.schema.fields.find((f) => f.name === "bo")!.type).toBe("int32");
  });

  it("pushes projection and translatable filters into the SELECT and returns the right rows", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "nums" });
    const filters = [
      E.binary("and", E.binary(">=", E.column("k"), E.literal(30)), E.binary("<", E.literal(100), E.column("id"))),
      E.in(E.column("name"), [E.literal("n1"), E.literal("n2"), E.literal(null)]),
      E.isNull(E.column("k"), true),
      // Not translatable: pushed only partially (the executor re-applies everything).
      E.binary("=", E.binary("%", E.column("id"), E.literal(2)), E.literal(0)),
    ];
    const pushdown = { projection: ["id", "name"], filters };
    const [part] = await mysqlSource.partitions(ref, pushdown);
    const { sql, params } = partitionSql(ref, part!, pushdown);
    expect(sql).toBe("SELECT `id`, `name` FROM `nums` WHERE (`k` >= ? AND `id` > ?) AND `name` IN (?, ?) AND `k` IS NOT NULL");
    expect(params).toEqual([30, 100, "n1", "n2"]);
    const rows = rowsOf(await readAll(ref, pushdown));
    expect(rows.map((r) => Object.keys(r))).toContainEqual(["id", "name"]);
    const expected: number[] = [];
    for (let i = 101; i <= 1000; i++) if (i % 97 !== 0 && (i % 10 === 1 || i % 10 === 2)) expected.push(i);
    expect(rows.map((r) => r["id"]).sort((a, b) => (a as number) - (b as number))).toEqual(expected);
  });

  it("reads a projection of no columns as row counts only", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "nums" });
    const batches = await readAll(ref, { projection: [], filters: [] });
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(1000);
    expect(batches[0]!.numCols).toBe(0);
  });

  it("reads a query as a subquery", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, query: "SELECT name, COUNT(*) AS n, SUM(k) AS s FROM nums GROUP BY name" });
    expect(ref.schema.fields.map((f) => [f.name, f.type])).toEqual([["name", "utf8"], ["n", "int64"], ["s", "float64"]]);
    const rows = rowsOf(await readAll(ref, { projection: ["name", "n"], filters: [E.binary("=", E.column("name"), E.literal("n3"))] }));
    expect(rows).toEqual([{ name: "n3", n: 100n }]);
    // A `table` that is really a query is accepted too.
    const ref2 = await mysqlSource.resolve({ url: db.url, table: "select id from nums where id <= 3" });
    expect(rowsOf(await readAll(ref2)).length).toBe(3);
  });

  it("splits by a numeric column into 4 contiguous, balanced partitions that lose no row (NULL keys included)", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "nums", splitBy: "k", numPartitions: 4 });
    const parts = await mysqlSource.partitions(ref, ALL);
    expect(parts).toHaveLength(4);
    expect(JSON.parse(JSON.stringify(parts))).toEqual(parts);
    const sizes: number[] = [];
    const ids: number[] = [];
    for (const p of parts) {
      let n = 0;
      for await (const b of mysqlSource.read(ref, p, ALL, context())) {
        n += b.numRows;
        for (const r of rowsOf([b])) ids.push(r["id"] as number);
      }
      sizes.push(n);
    }
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    // k = 3..3000 evenly: each partition ~250 rows; the first also holds the 10 NULL keys.
    for (const s of sizes) expect(Math.abs(s - 250)).toBeLessThanOrEqual(15);
    expect(partitionSql(ref, parts[0]!, ALL).sql).toMatch(/WHERE \(`k` < \d+ OR `k` IS NULL\)$/);
    expect(partitionSql(ref, parts[3]!, ALL).sql).toMatch(/WHERE `k` >= \d+$/);
  });

  it("splits a table whose key range is smaller than the partition count without empty duplicates", async () => {
    await db.sql("CREATE TABLE tiny (id INT)");
    await db.sql("INSERT INTO tiny VALUES (5), (6), (NULL)");
    const ref = await mysqlSource.resolve({ url: db.url, table: "tiny", splitBy: "id", numPartitions: 8 });
    const parts = await mysqlSource.partitions(ref, ALL);
    expect(parts).toHaveLength(2);
    expect(rowsOf(await readAll(ref)).map((r) => r["id"]).sort()).toEqual([5, 6, null]);
    // An empty table yields one partition.
    await db.sql("CREATE TABLE empty_t (id INT)");
    const empty = await mysqlSource.resolve({ url: db.url, table: "empty_t", splitBy: "id", numPartitions: 4 });
    expect(await mysqlSource.partitions(empty, ALL)).toHaveLength(1);
    expect(await readAll(empty)).toEqual([]);
  });

  it("rejects a splitBy column that is missing or not numeric, naming it", async () => {
    await expect(mysqlSource.resolve({ url: db.url, table: "nums", splitBy: "nope", numPartitions: 2 })).rejects.toThrow(/splitBy column "nope" does not exist; columns: id, k, name/);
    await expect(mysqlSource.resolve({ url: db.url, table: "nums", splitBy: "name", numPartitions: 2 })).rejects.toThrow(/"name" is utf8; it must be numeric/);
  });

  it("accepts an options object instead of a URL", async () => {
    const ref = await mysqlSource.resolve({
      url: { host: "127.0.0.1", port: 3306, user: db.user, password: db.password, database: db.database },
      table: "nums",
    });
    expect(rowsOf(await readAll(ref, { projection: ["id"], filters: [E.binary("=", E.column("id"), E.literal(7))] }))).toEqual([{ id: 7 }]);
  });

  it("reports progress in rows", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "nums" });
    const events: number[] = [];
    await readAll(ref, ALL, context({ batchSize: 300, onProgress: (e) => { if (e.rows !== undefined) events.push(e.rows); } }));
    expect(events).toEqual([300, 600, 900, 1000]);
  });
});
