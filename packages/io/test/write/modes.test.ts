import { existsSync, promises as fsp } from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvSink, jsonSink, jsonSource, parquetSink, parquetSource } from "../../src/index.js";
import { read, schemaOf, tempDir, write } from "../helpers.js";

let dir: string, cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const S = schemaOf({ k: "int32", dt: "utf8" });
const key = (r: unknown[]): string => r.map(String).join("|");
const sorted = (rows: unknown[][]): unknown[][] => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe("save modes", () => {
  it("errorIfExists, ignore, append and overwrite", async () => {
    const t = path.join(dir, "t");
    await write(parquetSink, t, S, [[1, "a"]]);
    await expect(write(parquetSink, t, S, [[2, "b"]])).rejects.toThrow(`${t}: path already exists`);
    expect((await write(parquetSink, t, S, [[2, "b"]], { mode: "ignore" })).skipped).toBe(true);
    await write(parquetSink, t, S, [[3, "c"]], { mode: "append" });
    expect(sorted((await read(parquetSource, { path: t })).rows)).toEqual([[1, "a"], [3, "c"]]);
    await write(parquetSink, t, S, [[4, "d"]], { mode: "overwrite" });
    expect((await read(parquetSource, { path: t })).rows).toEqual([[4, "d"]]);
    // No temporary or old directories remain beside the target.
    expect((await fsp.readdir(dir)).filter((n) => n !== "t")).toEqual([]);
  });

  it("overwrite of one partition replaces only the partitions present in the data", async () => {
    const t = path.join(dir, "dim");
    await write(jsonSink, t, S, [[1, "20201025"], [2, "20201026"]], { partitionBy: ["dt"] });
    const before = await fsp.readdir(path.join(t, "dt=20201025"));
    await write(jsonSink, t, S, [[3, "20201026"], [4, "20201027"]], { partitionBy: ["dt"], mode: "overwrite" });
    expect(await fsp.readdir(path.join(t, "dt=20201025"))).toEqual(before);
    const got = await read(jsonSource, { path: t, schema: "k int" });
    expect(sorted(got.rows)).toEqual([[1, "20201025"], [3, "20201026"], [4, "20201027"]]);
    expect(existsSync(path.join(t, "_SUCCESS"))).toBe(true);
    // partitionOverwriteMode=static replaces the whole table, like Spark's default.
    await write(jsonSink, t, S, [[5, "20201028"]], { partitionBy: ["dt"], mode: "overwrite", options: { partitionOverwriteMode: "static" } });
    expect((await read(jsonSource, { path: t, schema: "k int" })).rows).toEqual([[5, "20201028"]]);
  });

  it("writes null partition values to __HIVE_DEFAULT_PARTITION__ and reads them back as null", async () => {
    const t = path.join(dir, "p");
    const res = await write(parquetSink, t, S, [[1, null], [2, "a/b"]], { partitionBy: ["dt"] });
    expect(res.partitions).toEqual(["dt=__HIVE_DEFAULT_PARTITION__", "dt=a%2Fb"]);
    expect(sorted((await read(parquetSource, { path: t })).rows)).toEqual([[1, null], [2, "a/b"]]);
  });

  it("rejects an unknown partition column and removes its temporary directory", async () => {
    const t = path.join(dir, "x");
    await expect(write(csvSink, t, S, [[1, "a"]], { partitionBy: ["nope"] })).rejects.toThrow(/partitionBy column "nope"/);
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it("rolls files at maxRecordsPerFile", async () => {
    const t = path.join(dir, "m");
    const res = await write(parquetSink, t, S, Array.from({ length: 10 }, (_, i) => [i, "x"]), { options: { maxRecordsPerFile: 4 } });
    expect(res.files).toBe(3);
    expect((await read(parquetSource, { path: t })).rows).toHaveLength(10);
  });
});
