// Interoperability: Parquet written here is read by DuckDB with equal contents, and the reverse.
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parquetSink, parquetSource } from "../src/index.js";
import type { Cell } from "../src/arrow/builder.js";
import { read, schemaOf, tempDir, write } from "./helpers.js";

let dir: string, cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function query(sql: string): Promise<{ rows: unknown[][]; types: string[] }> {
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    const r = await conn.runAndReadAll(sql);
    return { rows: r.getRows() as unknown[][], types: r.columnTypes().map((t) => t.toString()) };
  } finally {
    conn.closeSync();
  }
}

describe("DuckDB interoperability", () => {
  it("DuckDB reads our Parquet with the same types and values", async () => {
    const s = schemaOf({ i: "int32", l: "int64", d: "float64", s: "utf8", b: "bool", ts: "timestamp", dt: "date" });
    const rows: Cell[][] = [[1, 10n, 1.5, "김철수", true, 1603565200123456n, 18560], [null, null, null, null, null, null, null]];
    const t = path.join(dir, "t");
    await write(parquetSink, t, s, rows);
    const r = await query(`SELECT i, l, d, s, b, epoch_us(ts), dt::VARCHAR FROM read_parquet('${t}/*.parquet') ORDER BY i NULLS LAST`);
    expect(r.types).toEqual(["INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "BOOLEAN", "BIGINT", "VARCHAR"]);
    expect(r.rows).toEqual([[1, 10n, 1.5, "김철수", true, 1603565200123456n, "2020-10-25"], [null, null, null, null, null, null, null]]);
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${t}/*.parquet'))`);
    expect(types.rows.find((x) => x[0] === "ts")![1]).toBe("TIMESTAMP WITH TIME ZONE");
  });

  it("we read DuckDB's Parquet, including its partitioned layout", async () => {
    const out = path.join(dir, "duck");
    await query(`COPY (SELECT i::INTEGER AS i, i::BIGINT * 3 AS l, i / 2 AS d, '이름' || i AS s, i % 2 = 0 AS b,
      TIMESTAMP '2020-10-25 00:00:00' + INTERVAL (i) SECOND AS ts, DATE '2020-10-25' + i::INTEGER AS dt, (20201025 + i % 2)::VARCHAR AS part
      FROM range(0, 5) t(i)) TO '${out}' (FORMAT PARQUET, PARTITION_BY (part))`);
    const got = await read(parquetSource, { path: out });
    expect(got.ref.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(
      ["i:int32", "l:int64", "d:float64", "s:utf8", "b:bool", "ts:timestamp", "dt:date", "part:utf8"]);
    const rows = got.rows.sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(rows[3]).toEqual([3, 9n, 1.5, "이름3", false, 1603584003000000n, 18563, "20201026"]);
    expect(rows).toHaveLength(5);
  });
});
