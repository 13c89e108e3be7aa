// spark.read.mysql / df.write.mysql end to end through a Session and the local executor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, col, count, sum } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { mysqlSink, mysqlSource } from "../src/mysql/index.js";
import { adminConnection, createTestDatabase, type TestDatabase } from "./mysql/helpers.js";

const admin = await adminConnection();
let db: TestDatabase;

beforeAll(async () => {
  if (admin === null) return;
  db = await createTestDatabase(admin);
  await db.sql("CREATE TABLE purchase (p_time VARCHAR(12), p_uid INT, p_id INT NOT NULL PRIMARY KEY, p_name VARCHAR(20), p_amount INT)");
  const rows: string[] = [];
  for (let i = 1; i <= 500; i++) rows.push(`('${1603584000 + i}', ${i % 20 === 0 ? "NULL" : i % 10}, ${i}, '상품${i % 5}', ${i * 100})`);
  await db.sql(`INSERT INTO purchase VALUES ${rows.join(",")}`);
});
afterAll(async () => {
  if (admin === null) return;
  await db.drop();
  await admin.end();
});

describe.skipIf(admin === null)("MySQL through the DataFrame API", () => {
  it("reads split partitions, aggregates, upserts the result and reads it back", async () => {
    const spark = Session.builder().timeZone("UTC").executor(local())
      .use({ name: "mysql", sources: [mysqlSource], sinks: [mysqlSink] }).getOrCreate();
    try {
      const purchases = await spark.read.mysql(db.url, "purchase", { splitBy: "p_id", numPartitions: 4 });
      expect(await purchases.count()).toBe(500);
      const perUser = purchases.where(col("p_amount").gt(1000)).groupBy("p_uid").agg(count("p_id").as("n"), sum("p_amount").as("total"));
      expect(await perUser.explainString("simple")).not.toContain(db.password);
      await expect(perUser.write.mode("upsert").option("key", "p_uid_k").mysql(db.url, "per_user")).rejects.toThrow(/key column "p_uid_k" is not in the data/);
      const keyed = perUser.where(col("p_uid").isNotNull());
      const first = await keyed.write.mode("upsert").option("key", "p_uid").mysql(db.url, "per_user");
      const again = await keyed.write.mode("upsert").option("key", "p_uid").mysql(db.url, "per_user");
      expect(first.rows).toBe(10);
      expect(again.rows).toBe(10);
      const back = await spark.read.mysql(db.url, "per_user");
      const rows = (await back.orderBy("p_uid").collect()) as { p_uid: number; n: number; total: number }[];
      expect(rows).toHaveLength(10);
      const expected = new Map<number, { n: number; total: number }>();
      for (let i = 11; i <= 500; i++) {
        if (i % 20 === 0) continue;
        const e = expected.get(i % 10) ?? { n: 0, total: 0 };
        expected.set(i % 10, { n: e.n + 1, total: e.total + i * 100 });
      }
      expect(rows).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]).map(([p_uid, e]) => ({ p_uid, ...e })));
    } finally {
      await spark.stop();
    }
  });
});
