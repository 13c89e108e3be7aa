// What importing @lgde/io loads: drivers and parsers only a format needs wait for that format's first
// read. Each worker thread of the workers executor imports the io plugin at start-up, so everything
// loaded at import is paid once per thread before its first task.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "lgde-io-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOOK = fileURLToPath(new URL("./fixtures/record-imports.mjs", import.meta.url));
const PACKAGE = fileURLToPath(new URL("..", import.meta.url));

/** The module URLs a fresh Node process resolves while running `code` (an ES module) in this package. */
function importsOf(code: string, name: string): string[] {
  const log = join(dir, `${name}.log`);
  execFileSync(process.execPath, ["--import", HOOK, "--input-type=module", "-e", code], {
    cwd: PACKAGE, env: { ...process.env, LGDE_IMPORT_LOG: log }, stdio: ["ignore", "ignore", "pipe"],
  });
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

describe("importing @lgde/io", () => {
  it("loads neither the MySQL driver, nor the CSV parser, nor parquet-wasm's CommonJS build", () => {
    const urls = importsOf(`await import("@lgde/io");`, "import");
    expect(urls.some((u) => u.includes("/packages/io/dist/index.js"))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/(mysql2|csv-parse)\//.test(u))).toEqual([]);
    expect(urls.filter((u) => u.includes("/parquet-wasm/node/"))).toEqual([]);
    expect(urls.some((u) => u.includes("/parquet-wasm/esm/"))).toBe(true);
  });

  it("loads the CSV parser when a CSV file is first read", () => {
    const csv = join(dir, "a.csv");
    const code = `import { writeFileSync } from "node:fs";
      import { csvRecords } from "./dist/csv/records.js";
      writeFileSync(${JSON.stringify(csv)}, "a,b\\n1,2\\n");
      let n = 0;
      for await (const r of csvRecords(${JSON.stringify(csv)}, { delimiter: ",", quote: '"', escape: '"' })) n++;
      if (n !== 2) throw new Error("expected 2 records, got " + n);`;
    const urls = importsOf(code, "csv");
    expect(urls.some((u) => /\/node_modules\/csv-parse\//.test(u))).toBe(true);
  });
});
