// Smoke test: the tiny shop, generated into a temp dir, gives the same pipeline answers on our local
// executor, the hand-written baseline and DuckDB; and a second ensureShop reuses the data.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureShop, type ShopFiles } from "../src/gen/generate.js";
import { PIPELINE_KEYS, type Answer } from "../src/engines/engine.js";
import { baselineEngine } from "../src/engines/baseline.js";
import { duckdbEngine } from "../src/engines/duckdb.js";
import { lgdeLocal } from "../src/engines/lgde.js";
import type { Engine } from "../src/engines/engine.js";

let dir: string;
let files: ShopFiles;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lgde-bench-smoke-"));
  files = await ensureShop(join(dir, "tiny"), "tiny", 7);
}, 30_000);

afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function pipelineAnswer(engine: Engine): Promise<Answer> {
  const suite = await engine.pipeline!(files);
  try {
    const a = await suite.cases[0]!.run();
    if (!a) throw new Error(`${engine.name} gave no answer`);
    return a;
  } finally {
    await suite.close();
  }
}

describe("benchmark smoke (tiny shop)", () => {
  it("reuses generated data keyed by seed and size", async () => {
    const before = statSync(files.file("access", "parquet")).mtimeMs;
    await ensureShop(join(dir, "tiny"), "tiny", 7);
    expect(statSync(files.file("access", "parquet")).mtimeMs).toBe(before);
  });

  it("ours (local), the hand-written baseline and DuckDB agree on the pipeline", async () => {
    const hand = await pipelineAnswer(baselineEngine);
    expect(Object.keys(hand).sort()).toEqual([...PIPELINE_KEYS].sort());
    // The generator's duplicates were removed, and the data has new users and first-time buyers to count.
    expect(Number(hand["access_rows"])).toBeLessThan(50_000);
    expect(Number(hand["dnu"])).toBeGreaterThan(0);
    expect(Number(hand["dfpu"])).toBeGreaterThan(0);
    expect(await pipelineAnswer(duckdbEngine)).toEqual(hand);
    expect(await pipelineAnswer(lgdeLocal)).toEqual(hand);
  }, 20_000);
});
