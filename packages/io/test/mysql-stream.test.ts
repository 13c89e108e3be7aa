// Streaming reads: a 200,000-row table is delivered batch by batch while the server is still sending,
// and the heap retained while consuming stays far below the table's size.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlSource } from "../src/mysql/index.js";
import { ALL, adminConnection, context, createTestDatabase, type TestDatabase } from "./mysql/helpers.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const ROWS = 200_000;
const PAYLOAD = 200;
const admin = await adminConnection();
let db: TestDatabase;

beforeAll(async () => {
  if (admin === null) return;
  db = await createTestDatabase(admin);
  await db.sql("CREATE TABLE digits (d INT NOT NULL)");
  await db.sql("INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
  await db.sql(`CREATE TABLE big (id INT NOT NULL PRIMARY KEY, grp INT, payload VARCHAR(${PAYLOAD}))`);
  await db.sql(`INSERT INTO big
    SELECT n, n % 7, REPEAT(CHAR(65 + n % 26), ${PAYLOAD}) FROM (
      SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n
      FROM digits a, digits b, digits c, digits e, digits f, digits g) x
    WHERE n < ${ROWS}`);
}, 120_000);

afterAll(async () => {
  if (admin === null) return;
  await db.drop();
  await admin.end();
});

describe.skipIf(admin === null)("mysqlSource streaming", () => {
  it("delivers the first batch while the query is still running on the server", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "big" });
    const [part] = await mysqlSource.partitions(ref, ALL);
    const it = mysqlSource.read(ref, part!, ALL, context())[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    expect(first.value!.numRows).toBe(1024);
    // The consumer has not asked for more: the server is blocked sending the rest of the result.
    const running = await db.sql(
      "SELECT COMMAND FROM information_schema.PROCESSLIST WHERE USER = ? AND INFO LIKE 'SELECT `id`, `grp`, `payload` FROM `big`%'",
      [db.user],
    );
    expect(running).toEqual([{ COMMAND: "Query" }]);
    // Abandoning the stream closes the connection.
    await it.return!();
    let gone = false;
    for (let i = 0; i < 50 && !gone; i++) {
      gone = (await db.sql("SELECT 1 FROM information_schema.PROCESSLIST WHERE USER = ?", [db.user])).length === 0;
      if (!gone) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gone).toBe(true);
  });

  it("reads 200,000 rows with the retained heap bounded far below the table size", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "big" });
    const [part] = await mysqlSource.partitions(ref, ALL);
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let rows = 0;
    let batches = 0;
    let idSum = 0;
    for await (const b of mysqlSource.read(ref, part!, ALL, context({ batchSize: 4096 }))) {
      rows += b.numRows;
      batches++;
      const ids = b.getChildAt(0)!.data[0]!.values as Int32Array;
      for (let i = 0; i < b.numRows; i++) idSum += ids[i]!;
      // A slow consumer: without backpressure the driver would keep buffering rows meanwhile.
      await new Promise((r) => setTimeout(r, 5));
      if (batches % 10 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    expect(rows).toBe(ROWS);
    expect(idSum).toBe((ROWS * (ROWS - 1)) / 2);
    const tableBytes = ROWS * PAYLOAD; // 40 MB of payload text alone
    expect(peak).toBeLessThan(tableBytes / 8);
  });

  it("reads the same table in 4 split partitions, together exactly once", async () => {
    const ref = await mysqlSource.resolve({ url: db.url, table: "big", splitBy: "id", numPartitions: 4 });
    const pushdown = { projection: ["id"], filters: [] };
    const parts = await mysqlSource.partitions(ref, pushdown);
    expect(parts.map((p) => p.estimatedRows).every((n) => n > 0)).toBe(true);
    const seen = new Uint8Array(ROWS);
    const sizes = await Promise.all(parts.map(async (p) => {
      let n = 0;
      for await (const b of mysqlSource.read(ref, p, pushdown, context({ batchSize: 8192 }))) {
        const ids = b.getChildAt(0)!.data[0]!.values as Int32Array;
        for (let i = 0; i < b.numRows; i++) seen[ids[i]!]!++;
        n += b.numRows;
      }
      return n;
    }));
    expect(sizes).toEqual([50_000, 50_000, 50_000, 50_000]);
    expect(seen.every((c) => c === 1)).toBe(true);
  });
});
