import { promises as fsp, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProgressEvent } from "@lgde/core";
import { jsonSink, jsonSource, readBadRecords } from "../src/index.js";
import type { Cell } from "../src/arrow/builder.js";
import { context, read, schemaOf, tempDir, write } from "./helpers.js";

let dir: string, cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const ALL = schemaOf({ i: "int32", l: "int64", d: "float64", s: "utf8", b: "bool", ts: "timestamp", dt: "date" });
const ROWS: Cell[][] = [
  [1, 10n, 1.5, "김철수, \"quoted\"\nline", true, 1603565200000000n, 18560],
  [null, null, null, null, null, null, null],
  [-7, -(2n ** 40n), 2.0, "", false, 0n, -1],
];

describe("json lines", () => {
  it("writes Spark's JSON: nulls omitted, timestamps in the session zone, dates yyyy-MM-dd", async () => {
    const target = path.join(dir, "t");
    await write(jsonSink, target, ALL, ROWS.slice(0, 2));
    const file = (await fsp.readdir(target)).find((n) => n.endsWith(".json"))!;
    expect(file).toMatch(/^part-00000-[0-9a-f-]{36}\.json$/);
    const lines = (await fsp.readFile(path.join(target, file), "utf8")).split("\n");
    expect(lines[0]).toBe('{"i":1,"l":10,"d":1.5,"s":"김철수, \\"quoted\\"\\nline","b":true,"ts":"2020-10-25T03:46:40.000+09:00","dt":"2020-10-25"}');
    expect(lines[1]).toBe("{}");
  });

  it("round-trips every type with an explicit schema, and an empty table", async () => {
    const target = path.join(dir, "t");
    await write(jsonSink, target, ALL, ROWS);
    const got = await read(jsonSource, { path: target, schema: "i int, l bigint, d double, s string, b boolean, ts timestamp, dt date" });
    expect(got.rows).toEqual(ROWS);
    const empty = path.join(dir, "e");
    await write(jsonSink, empty, ALL, []);
    expect((await read(jsonSource, { path: empty, schema: "i int" })).rows).toEqual([]);
  });

  it("writes nulls as null with ignoreNullFields: false", async () => {
    const target = path.join(dir, "t");
    await write(jsonSink, target, schemaOf({ i: "int32", s: "utf8" }), [[null, "a"], [1, null]], { options: { ignoreNullFields: false } });
    const file = (await fsp.readdir(target)).find((n) => n.endsWith(".json"))!;
    expect((await fsp.readFile(path.join(target, file), "utf8")).split("\n").slice(0, 2)).toEqual(['{"i":null,"s":"a"}', '{"i":1,"s":null}']);
  });

  it("infers like Spark: ints → bigint, int+float → double, conflicts → string, missing → null, sorted names", async () => {
    const file = path.join(dir, "a.json");
    writeFileSync(file, ['{"b":1,"a":"x","c":1,"d":true}', '{"b":2.5,"c":"y","e":null}', "", '{"a":"이름"}'].join("\n"));
    const got = await read(jsonSource, { path: file });
    expect(got.ref.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["a:utf8", "b:float64", "c:utf8", "d:bool", "e:utf8"]);
    expect(got.rows).toEqual([["x", 1, "1", true, null], [null, 2.5, "y", null, null], ["이름", null, null, null, null]]);
  });

  it("reads a directory and fails fast naming file and line", async () => {
    await fsp.mkdir(path.join(dir, "d"));
    writeFileSync(path.join(dir, "d", "1.json"), '{"a":1}\n{"a":2}\n');
    const bad = path.join(dir, "d", "2.json");
    writeFileSync(bad, '{"a":3}\n{"a":\n');
    await expect(read(jsonSource, { path: path.join(dir, "d") })).rejects.toThrow(`${bad} at line 2`);
    await expect(read(jsonSource, { path: path.join(dir, "d"), schema: "a int" })).rejects.toThrow(`${bad} at line 2`);
    writeFileSync(bad, '{"a":3}\n{"a":"three"}\n');
    await expect(read(jsonSource, { path: path.join(dir, "d"), schema: "a int" })).rejects.toThrow(/at line 2: field "a"/);
  });

  it("PERMISSIVE keeps bad records in the corrupt column; badRecordsPath receives them with file, line and reason", async () => {
    const file = path.join(dir, "a.json");
    writeFileSync(file, ['{"a":1,"s":"x"}', "not json", '{"a":"two"}', '{"a":4}'].join("\n"));
    const rejects = path.join(dir, "rejects");
    const events: ProgressEvent[] = [];
    const got = await read(jsonSource, { path: file, schema: "a int, s string", mode: "PERMISSIVE", badRecordsPath: rejects, lineNumberColumn: "line" },
      {}, context(events));
    expect(got.ref.schema.fields.map((f) => f.name)).toEqual(["a", "s", "_corrupt_record", "line"]);
    expect(got.rows).toEqual([[1, "x", null, 1n], [null, null, "not json", 2n], [null, null, '{"a":"two"}', 3n], [4, null, null, 4n]]);
    const bad = await readBadRecords(rejects);
    expect(bad.map((b) => [b.file, b.line, b.record])).toEqual([[file, 2, "not json"], [file, 3, '{"a":"two"}']]);
    expect(bad[1]!.reason).toMatch(/field "a"/);
    expect(events.find((e) => e.task === `rejects json ${file}`)?.rows).toBe(2);
    // badRecordsPath alone: the run goes on and bad records leave the data.
    const dropped = await read(jsonSource, { path: file, schema: "a int, s string", badRecordsPath: rejects });
    expect(dropped.rows).toEqual([[1, "x"], [4, null]]);
    expect(await readBadRecords(rejects)).toHaveLength(2);
  });
});
