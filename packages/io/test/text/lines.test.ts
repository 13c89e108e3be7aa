// The chunked line reader against Node's readline (what it replaced, and what JSON lines readers
// split by): the same lines, whatever the line breaks and wherever the reads cut the text.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readLineChunks } from "../../src/text/lines.js";

const dir = mkdtempSync(join(tmpdir(), "lgde-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function viaReadline(file: string): Promise<string[]> {
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  const out: string[] = [];
  for await (const l of rl) out.push(out.length === 0 && l.charCodeAt(0) === 0xfeff ? l.slice(1) : l);
  return out;
}

async function viaChunks(file: string, readBytes: number): Promise<{ lines: string[]; numbers: number[] }> {
  const lines: string[] = [], numbers: number[] = [];
  for await (const c of readLineChunks(file, "json", readBytes)) {
    c.lines.forEach((l, i) => { lines.push(l); numbers.push(c.first + i); });
  }
  return { lines, numbers };
}

let n = 0;
function fileOf(text: string): string {
  const f = join(dir, `f${n++}.txt`);
  writeFileSync(f, text, "utf8");
  return f;
}

describe("readLineChunks", () => {
  it("gives readline's lines and 1-based numbers for any text and read size", async () => {
    const piece = fc.constantFrom("a", "{\"k\":1}", "로그인", "é", "𝄞", " ", "\uFEFF", "\n", "\r\n", "\r", "\r\r\n", "\n\r");
    await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), async (pieces, bom, readBytes) => {
      const file = fileOf((bom ? "\uFEFF" : "") + pieces.join(""));
      const want = await viaReadline(file);
      const got = await viaChunks(file, readBytes);
      expect(got.lines).toEqual(want);
      expect(got.numbers).toEqual(want.map((_, i) => i + 1));
    }), { numRuns: 300 });
  });

  it("reads a large file in chunks of whole lines", async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `{"i":${i},"s":"${"x".repeat(i % 40)}"}`);
    const file = fileOf(`${lines.join("\r\n")}\r\n`);
    const chunks: number[] = [];
    const got: string[] = [];
    for await (const c of readLineChunks(file, "json", 64 * 1024)) { chunks.push(c.lines.length); got.push(...c.lines); }
    expect(got).toEqual(lines);
    expect(chunks.length).toBeGreaterThan(10);
  });

  it("names the file it cannot read", async () => {
    const missing = join(dir, "missing.jsonl");
    await expect(viaChunks(missing, 16)).rejects.toThrow(`json: cannot read ${missing}`);
  });
});
