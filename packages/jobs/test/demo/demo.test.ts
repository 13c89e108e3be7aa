// The demo: a generated shop through the whole pipeline, with no server.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { demo, generateShop, paths } from "../../src/index.js";
import { partitionContents, tempDir } from "../helpers/shop.js";

describe("demo", () => {
  it("generates the same shop for the same seed", async () => {
    const a = await generateShop({ dir: tempDir(), days: 2, users: 30, seed: 7 });
    const b = await generateShop({ dir: tempDir(), days: 2, users: 30, seed: 7 });
    expect(readFileSync(a.accessLog, "utf8")).toBe(readFileSync(b.accessLog, "utf8"));
    expect(a.days).toEqual(["20201025", "20201026"]);
    expect(existsSync(join(a.tablesDir, "user_20201026.parquet"))).toBe(true);
  });

  it("runs every day and the figures hold together", async () => {
    const dir = tempDir();
    const result = await demo({ dir, days: 3, users: 60, seed: 11 });
    expect(result.days).toHaveLength(3);
    let previousUsers = 0;
    let previousAr = 0;
    for (const d of result.days) {
      const k = d.metrics.kpi;
      expect(k.dau).toBeGreaterThan(0);
      expect(k.pu).toBeLessThanOrEqual(k.users);
      expect(k.dnu).toBeLessThanOrEqual(k.dau);
      expect(k.dfpu).toBeLessThanOrEqual(k.pu);
      expect(k.users).toBeGreaterThanOrEqual(previousUsers);
      expect(k.ar).toBe(previousAr + k.dr);
      if (k.dau > 0) expect(k.arpu).toBeCloseTo(k.dr / k.dau, 6);
      previousUsers = k.users;
      previousAr = k.ar;
      expect(partitionContents(paths.kpi(result.warehouse, k.dt)).length).toBeGreaterThan(0);
    }
    expect(result.days.reduce((n, d) => n + d.ingest.rows.access_rejects, 0)).toBeLessThanOrEqual(result.shop.malformedLines);
  });
});
