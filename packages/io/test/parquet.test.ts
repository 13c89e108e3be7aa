import { promises as fsp, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parquetSink, parquetSource } from "../src/index.js";
import type { Cell } from "../src/arrow/builder.js";
import { FileRange } from "../src/parquet/wasm.js";
import { cmp, col, context, lit, read, schemaOf, tempDir, write } from "./helpers.js";

const ALL = schemaOf({ i: "int32", l: "int64", d: "float64", s: "utf8", b: "bool", ts: "timestamp", dt: "date" });
const ROWS: Cell[][] = [
  [1, 10n, 1.5, "김철수", true, 1603565200000000n, 18560],
  [null, null, null, null, null, null, null],
  [-2147483648, -(2n ** 63n), -0.25, "", false, 0n, -1],
  [2147483647, 2n ** 63n - 1n, 1e300, "emoji 🎉 and ☃", true, -1n, 2932896],
];

let dir: string, cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe("parquet", () => {
  it("round-trips every type, nulls and Korean text", async () => {
    const target = path.join(dir, "t");
    const res = await write(parquetSink, target, ALL, ROWS);
    expect(res.rows).toBe(4);
    const got = await read(parquetSource, { path: target });
    expect(got.ref.schema.fields.map((f) => [f.name, f.type])).toEqual(ALL.fields.map((f) => [f.name, f.type]));
    expect(got.rows).toEqual(ROWS);
    const names = await fsp.readdir(target);
    expect(names).toContain("_SUCCESS");
    expect(names.filter((n) => /^part-00000-[0-9a-f-]{36}\.parquet$/.test(n))).toHaveLength(1);
  });

  it("round-trips an empty table with its schema", async () => {
    const target = path.join(dir, "empty");
    await write(parquetSink, target, ALL, []);
    const got = await read(parquetSource, { path: target });
    expect(got.ref.schema.fields.map((f) => f.type)).toEqual(ALL.fields.map((f) => f.type));
    expect(got.rows).toEqual([]);
  });

  it("discovers Hive partitions as utf8 columns and prunes partition directories", async () => {
    const s = schemaOf({ k: "int32", v: "utf8", dt: "utf8" });
    const target = path.join(dir, "p");
    const res = await write(parquetSink, target, s, [[1, "a", "20201025"], [2, "b", "20201026"], [3, "c", "20201025"]], { partitionBy: ["dt"] });
    expect(res.partitions).toEqual(["dt=20201025", "dt=20201026"]);
    const got = await read(parquetSource, { path: target });
    expect(got.ref.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["k:int32", "v:utf8", "dt:utf8"]);
    expect(got.rows.sort()).toEqual([[1, "a", "20201025"], [2, "b", "20201026"], [3, "c", "20201025"]]);
    const pruned = await read(parquetSource, { path: target }, { filters: [cmp("=", col("dt"), lit("20201026", "utf8"))] });
    expect(pruned.partitions).toBe(1);
    expect(pruned.rows).toEqual([[2, "b", "20201026"]]);
    const typed = await read(parquetSource, { path: target, partitionColumnTypes: { dt: "int" } });
    expect(typed.ref.schema.fields[2]!.type).toBe("int32");
    expect(typed.rows.map((r) => r[2]).sort()).toEqual([20201025, 20201025, 20201026]);
  });

  it("ignores _SUCCESS, .crc, hidden and _-prefixed entries, and temporary write directories", async () => {
    const s = schemaOf({ k: "int32" });
    const target = path.join(dir, "t");
    await write(parquetSink, target, s, [[1], [2]]);
    writeFileSync(path.join(target, ".part-0.crc"), "junk");
    writeFileSync(path.join(target, "x.crc"), "junk");
    await fsp.mkdir(path.join(target, "_temporary"));
    writeFileSync(path.join(target, "_temporary", "part-9.parquet"), "junk");
    await fsp.mkdir(path.join(target, ".t.tmp-1-abc"));
    writeFileSync(path.join(target, ".t.tmp-1-abc", "part-9.parquet"), "junk");
    expect((await read(parquetSource, { path: target })).rows).toEqual([[1], [2]]);
  });

  it("reads only the projected columns, in source order", async () => {
    const target = path.join(dir, "t");
    await write(parquetSink, target, ALL, ROWS);
    const got = await read(parquetSource, { path: target }, { projection: ["s", "i"] });
    expect(got.batches[0]!.schema.fields.map((f) => f.name)).toEqual(["i", "s"]);
    expect(got.rows).toEqual(ROWS.map((r) => [r[0], r[3]]));
    const none = await read(parquetSource, { path: target }, { projection: [] });
    expect(none.rows).toHaveLength(4);
  });

  it("streams row groups and skips those whose statistics exclude a filter", async () => {
    const s = schemaOf({ k: "int32", name: "utf8", t: "timestamp" });
    const rows: Cell[][] = Array.from({ length: 1000 }, (_, i) => [i, `n${String(i).padStart(4, "0")}`, BigInt(i) * 1_000_000n]);
    const target = path.join(dir, "t");
    await write(parquetSink, target, s, rows, { options: { rowGroupSize: 100 } });
    const all = await read(parquetSource, { path: target }, {}, context([], "UTC", 64));
    expect(all.rows).toEqual(rows);
    expect(Math.max(...all.batches.map((b) => b.numRows))).toBeLessThanOrEqual(64);
    // Each partition lists its row groups; with a filter only the matching ones remain.
    const ref = await parquetSource.resolve({ path: target });
    const groups = async (f: ReturnType<typeof cmp>): Promise<number> => {
      const parts = await parquetSource.partitions(ref, { projection: null, filters: [f] });
      return parts.reduce((n, p) => n + (p.descriptor as { rowGroups: number[] }).rowGroups.length, 0);
    };
    expect(await groups(cmp(">=", col("k"), lit(0, "int32")))).toBe(10);
    expect(await groups(cmp(">=", col("k"), lit(950, "int32")))).toBe(1);
    expect(await groups(cmp("<", lit(150, "int32"), col("k")))).toBe(9);
    expect(await groups(cmp("=", col("name"), lit("n0123", "utf8")))).toBe(1);
    expect(await groups(cmp(">", col("t"), lit(998_500_000, "timestamp")))).toBe(1);
    expect(await groups(cmp("=", col("k"), lit(5000, "int32")))).toBe(0);
    const filtered = await read(parquetSource, { path: target }, { filters: [cmp(">=", col("k"), lit(950, "int32"))] });
    expect(filtered.rows).toEqual(rows.slice(900)); // the whole kept row group; the executor filters rows
  });

  it("reads byte ranges as a Blob does (what parquet-wasm asks of a file), and names a file that ends early", async () => {
    const file = path.join(dir, "bytes");
    writeFileSync(file, Buffer.from("0123456789"));
    const fh = await fsp.open(file, "r");
    try {
      const whole = FileRange.of(fh, file, 10);
      const text = async (r: FileRange) => Buffer.from(await r.arrayBuffer()).toString();
      expect(whole.size).toBe(10);
      expect(await text(whole.slice(2, 5))).toBe("234");
      expect(await text(whole.slice(-3))).toBe("789");
      expect(await text(whole.slice(4, -4))).toBe("45");
      expect(await text(whole.slice(8, 50))).toBe("89");
      expect(await text(whole.slice(6, 2))).toBe("");
      expect(await text(whole.slice(1, 9).slice(2, 4))).toBe("34");
      // Spans read ahead serve the reads inside them, in order; others are read when asked.
      const reads: string[] = [];
      const counted = { read: (b: Uint8Array, o: number, n: number, at: number) => { reads.push(`${at}+${n}`); return fh.read(b, o, n, at); } };
      const ahead = FileRange.of(counted as unknown as typeof fh, file, 10);
      ahead.readAhead([{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 10 }]);
      expect(await text(ahead.slice(1, 3))).toBe("12");
      // The first read fetched its span and started the next one.
      expect(reads).toEqual(["0+4", "4+4"]);
      expect(await text(ahead.slice(0, 4))).toBe("0123");
      expect(await text(ahead.slice(4, 8))).toBe("4567");
      expect(await text(ahead.slice(9, 10))).toBe("9");
      expect(reads).toEqual(["0+4", "4+4", "8+2"]);
      expect(await text(ahead.slice(2, 6))).toBe("2345"); // across spans: read alone
      expect(reads).toEqual(["0+4", "4+4", "8+2", "2+4"]);
      // A span past the end of the file (a footer that lies): the reads inside it are read alone.
      reads.length = 0;
      const past = FileRange.of(counted as unknown as typeof fh, file, 10);
      past.readAhead([{ start: 8, end: 30 }]);
      expect(await text(past.slice(9, 10))).toBe("9");
      expect(reads).toEqual(["8+22", "10+20", "9+1"]);
      // The file is shorter than the range (changed while being read).
      await expect(FileRange.of(fh, file, 20).slice(5).arrayBuffer()).rejects.toThrow(`parquet: ${file} ended at byte 10, before the 15 bytes at 5`);
    } finally {
      await fh.close();
    }
  });

  it("names a missing path", async () => {
    const missing = path.join(dir, "nope");
    await expect(parquetSource.resolve({ path: missing })).rejects.toThrow(missing);
  });

  it("names a truncated or non-Parquet file", async () => {
    const target = path.join(dir, "t");
    await write(parquetSink, target, ALL, ROWS);
    const file = path.join(target, (await fsp.readdir(target)).find((n) => n.endsWith(".parquet"))!);
    const bytes = await fsp.readFile(file);
    await fsp.writeFile(file, bytes.subarray(0, bytes.length - 20));
    await expect(read(parquetSource, { path: target })).rejects.toThrow(file);
    await fsp.writeFile(file, "a,b\n1,2\n");
    await expect(read(parquetSource, { path: target })).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*not a Parquet file`));
  });
});
