// A writer killed with SIGKILL mid-write leaves the previous data intact and nothing partial visible.
import { spawn } from "node:child_process";
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvSource, jsonSource, parquetSink, parquetSource, jsonSink, csvSink } from "../../src/index.js";
import { read, schemaOf, tempDir, write } from "../helpers.js";

const CHILD = fileURLToPath(new URL("../fixtures/crash-writer.mjs", import.meta.url));

let dir: string, cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function killMidWrite(target: string, format: string): Promise<void> {
  const child = spawn(process.execPath, [CHILD, target, format], { stdio: ["ignore", "pipe", "pipe"], cwd: path.dirname(CHILD) });
  let err = "";
  child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => { if (d.toString().includes("writing")) resolve(); });
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before writing: ${err}`)));
  });
  const exited = new Promise((r) => child.on("exit", r));
  child.kill("SIGKILL");
  await exited;
}

const S = schemaOf({ k: "int32", v: "utf8" });
const OLD = Array.from({ length: 100 }, (_, i) => [i, `old-${i}`]);
const CASES = [
  { format: "parquet", sink: parquetSink, source: parquetSource, options: {} },
  { format: "json", sink: jsonSink, source: jsonSource, options: { schema: "k int, v string" } },
  { format: "csv", sink: csvSink, source: csvSource, options: { schema: "k int, v string" } },
] as const;

describe("crash safety", () => {
  for (const c of CASES) {
    it(`${c.format}: the old data stays readable and no partial output is visible`, async () => {
      const target = path.join(dir, "table");
      await write(c.sink, target, S, OLD);
      await killMidWrite(target, c.format);
      const leftovers = (await fsp.readdir(dir)).filter((n) => n !== "table");
      expect(leftovers.length).toBe(1); // the dead writer's staging directory, hidden
      expect(leftovers[0]).toMatch(/^\.table\.tmp-\d+-/);
      const staged = await fsp.readdir(path.join(dir, leftovers[0]!));
      expect(staged.length).toBeGreaterThan(0); // it really was killed mid-write
      expect((await read(c.source, { path: target, ...c.options })).rows).toEqual(OLD);
      expect((await read(c.source, { path: dir, ...c.options })).rows).toEqual(OLD); // the parent listing skips it too
      // The next write cleans up after the dead writer.
      await write(c.sink, target, S, [[1, "next"]], { mode: "overwrite" });
      expect(await fsp.readdir(dir)).toEqual(["table"]);
    });
  }
});
