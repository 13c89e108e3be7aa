import { promises as fsp, writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvSink, csvSource, readBadRecords } from "../src/index.js";
import type { Cell } from "../src/arrow/builder.js";
import { read, schemaOf, tempDir, write } from "./helpers.js";

let dir: string, cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const ALL = schemaOf({ i: "int32", l: "int64", d: "float64", s: "utf8", b: "bool", ts: "timestamp", dt: "date" });
const DDL = "i int, l bigint, d double, s string, b boolean, ts timestamp, dt date";
const ROWS: Cell[][] = [
  [1, 10n, 1.5, "김철수, \"따옴표\"\n둘째 줄", true, 1603565200000000n, 18560],
  [null, null, null, null, null, null, null],
  [-7, -(2n ** 40n), 2.0, "", false, 0n, -1],
];

describe("csv", () => {
  it("round-trips every type, nulls vs empty strings, embedded commas, quotes, newlines and Korean", async () => {
    const target = path.join(dir, "t");
    await write(csvSink, target, ALL, ROWS, { options: { header: true } });
    const got = await read(csvSource, { path: target, header: true, schema: DDL });
    expect(got.rows).toEqual(ROWS);
    const file = (await fsp.readdir(target)).find((n) => n.endsWith(".csv"))!;
    const text = await fsp.readFile(path.join(target, file), "utf8");
    expect(text.split("\n")[0]).toBe("i,l,d,s,b,ts,dt");
    expect(text).toContain('"김철수, ""따옴표""\n둘째 줄"');
    expect(text).toContain("2020-10-25T03:46:40.000+09:00");
  });

  it("infers int, bigint, double, boolean and string, and reads all as strings without inferSchema", async () => {
    const file = path.join(dir, "a.csv");
    writeFileSync(file, "a,b,c,d,e\n1,3000000000,1,true,x\n2,,2.5,false,\"y,z\"\n");
    const got = await read(csvSource, { path: file, header: true, inferSchema: true });
    expect(got.ref.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["a:int32", "b:int64", "c:float64", "d:bool", "e:utf8"]);
    expect(got.rows).toEqual([[1, 3000000000n, 1, true, "x"], [2, null, 2.5, false, "y,z"]]);
    const plain = await read(csvSource, { path: file, header: true });
    expect(plain.ref.schema.fields.every((f) => f.type === "utf8")).toBe(true);
    const noHeader = await read(csvSource, { path: file });
    expect(noHeader.ref.schema.fields.map((f) => f.name)).toEqual(["_c0", "_c1", "_c2", "_c3", "_c4"]);
    expect(noHeader.rows).toHaveLength(3);
  });

  it("honours sep, quote and nullValue", async () => {
    const file = path.join(dir, "a.csv");
    writeFileSync(file, "x;y\n'a;b';NA\n");
    const got = await read(csvSource, { path: file, header: true, sep: ";", quote: "'", nullValue: "NA" });
    expect(got.rows).toEqual([["a;b", null]]);
  });

  it("tells a quoted empty string from an unquoted empty field, quotes elsewhere in the record or not", async () => {
    const file = path.join(dir, "a.csv");
    writeFileSync(file, 'a,b,c\n"x",,""\n,"",\n"y\n""z""",,\n,,\n"",,"w"\n');
    const got = await read(csvSource, { path: file, header: true });
    expect(got.rows).toEqual([["x", null, ""], [null, "", null], ["y\n\"z\"", null, null], [null, null, null], ["", null, "w"]]);
    const escaped = path.join(dir, "b.csv");
    writeFileSync(escaped, "a,b\n'p\\'q',''\n,'r'\n");
    const other = await read(csvSource, { path: escaped, header: true, quote: "'", escape: "\\" });
    expect(other.rows).toEqual([["p'q", ""], [null, "r"]]);
  });

  it("keeps a line break that is data (not the file's line ending) in a record whose quoting is looked up", async () => {
    const lf = path.join(dir, "lf.csv");
    writeFileSync(lf, 'a,b,c\n,"",x\ry\n1,2,3\r\n,"",z\r\n');
    expect((await read(csvSource, { path: lf, header: true })).rows).toEqual([[null, "", "x\ry"], ["1", "2", "3\r"], [null, "", "z\r"]]);
    const crlf = path.join(dir, "crlf.csv");
    writeFileSync(crlf, 'a,b,c\r\n,"",x\ny\r\n"",,\r\n');
    expect((await read(csvSource, { path: crlf, header: true })).rows).toEqual([[null, "", "x\ny"], ["", null, null]]);
  });

  it("numbers each record by the line it starts on, whatever line breaks its quoted fields and the file hold", async () => {
    // A line ends at \r\n, \n or a lone \r, as for JSON lines (csv-parse itself counts a quoted \r\n twice).
    const breaks = (t: string) => (t.match(/\r\n|\n|\r/g) ?? []).length;
    const quoted = fc.constantFrom('"p\r\nq"', '"p\nq"', '"p\rq"', '"p\r\n\r\nq\r"', '"plain"');
    const lfOnly = fc.constantFrom("x", "x\ry", "", "x\r");
    const crlfToo = fc.constantFrom("x", "");
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.nat(2)), { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.tuple(quoted, lfOnly, crlfToo)), async (crlf, shape, values) => {
      const eol = crlf ? "\r\n" : "\n";
      let text = `a,b${eol}`;
      const starts: bigint[] = [];
      const it = values[Symbol.iterator]();
      for (const [firstQuoted, secondQuoted, blanks] of shape) {
        text += eol.repeat(blanks);
        starts.push(BigInt(1 + breaks(text)));
        const [q, plainLf, plainCrlf] = it.next().value!;
        const plain = crlf ? plainCrlf : plainLf;
        // Only the last field may end with a data \r (before the line's \n).
        text += `${firstQuoted ? q : plain.replace(/\r$/, "")},${secondQuoted ? q : plain}${eol}`;
      }
      const file = path.join(dir, "lines.csv");
      writeFileSync(file, text);
      const got = await read(csvSource, { path: file, header: true, schema: "a string, b string", lineNumberColumn: "n" });
      expect(got.rows.map((r) => r[2])).toEqual(starts);
    }), { numRuns: 150 });
  });

  it("fails fast on a wrong column count, naming file and line", async () => {
    const file = path.join(dir, "access.csv");
    writeFileSync(file, 'a_time,a_uid,a_id\n1603565200,1,login\n"multi\nline",2,logout\n1603565300,3\n');
    await expect(read(csvSource, { path: file, header: true, schema: "a_time string, a_uid int, a_id string" }))
      .rejects.toThrow(`${file} at line 5: expected 3 fields, got 2`);
  });

  it("sends bad records to badRecordsPath and keeps going", async () => {
    const file = path.join(dir, "access.csv");
    writeFileSync(file, "a_time,a_uid,a_id\n1603565200,1,login\nabc,2,logout\n1603565300,3\n1603565400,4,logout\n");
    const rejects = path.join(dir, "rejects");
    const got = await read(csvSource, { path: file, header: true, schema: "a_time bigint, a_uid int, a_id string", badRecordsPath: rejects, lineNumberColumn: "n" });
    expect(got.rows).toEqual([[1603565200n, 1, "login", 2n], [1603565400n, 4, "logout", 5n]]);
    const bad = await readBadRecords(rejects);
    expect(bad.map((b) => [b.file, b.line, b.record])).toEqual([[file, 3, "abc,2,logout"], [file, 4, "1603565300,3"]]);
    expect(bad[0]!.reason).toContain('"a_time"');
    expect(bad[1]!.reason).toContain("expected 3 fields, got 2");
    const permissive = await read(csvSource, { path: file, header: true, schema: "a_time bigint, a_uid int, a_id string", mode: "PERMISSIVE" });
    expect(permissive.rows[1]).toEqual([null, null, null, "abc,2,logout"]);
  });
});
