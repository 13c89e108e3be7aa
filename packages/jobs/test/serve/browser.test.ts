// The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
// Under CI=true it must run; elsewhere it is skipped when Chromium is not installed.
import { existsSync } from "node:fs";
import { copyFile, mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/serve/index.js";
import { courseWarehouse, removeDir, tempDir } from "./fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const CI = process.env["CI"] === "true";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "__screenshots__");
const FIGURES = ["dau", "pu", "dr", "arpu", "arppu", "daat", "dnu", "dfpu", "ar", "users", "ltv"];

describe.skipIf(!existsSync(CHROMIUM) && !CI)("serve: the dashboard in Chromium", () => {
  let warehouse: string;
  let shots: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    warehouse = await courseWarehouse();
    shots = await tempDir("lgde-serve-shots-");
    server = await startServer({ warehouse, port: 0, log: () => {} });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (warehouse !== undefined) await removeDir(warehouse);
    if (shots !== undefined) await removeDir(shots);
  });

  it("shows 20201026's figures, one chart per metric and the days, loading nothing from elsewhere", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    // Only ever talk to our own server on 127.0.0.1.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });

    const response = await page.goto(server.url, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe("LGDE.com 일일 지표");
    // The page declares UTF-8 (the header says so too); Korean text arrives intact.
    expect(await page.evaluate("document.characterSet")).toBe("UTF-8");

    const value = (metric: string) => page.locator(`#latest .card[data-metric="${metric}"] .value`).innerText();
    expect(await page.locator("#latest").getAttribute("data-dt")).toBe("20201026");
    expect(await value("dau")).toBe("9");
    expect(await value("dr")).toBe("₩12,900,000");
    expect(await value("arpu")).toBe("₩1,433,333");
    expect(await value("arppu")).toBe("₩2,580,000");
    expect(await value("daat")).toBe("40분");
    expect(await value("ar")).toBe("₩25,100,000");
    expect(await value("ltv")).toBe("₩2,788,889");
    expect(await page.locator("#latest .card").count()).toBe(FIGURES.length);

    const charts = page.locator("svg.chart");
    expect(await charts.count()).toBe(FIGURES.length);
    expect(await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute("data-metric")))).toEqual(FIGURES);
    for (const f of FIGURES) {
      const chart = page.locator(`svg.chart[data-metric="${f}"]`);
      expect(await chart.isVisible(), f).toBe(true);
      // Two days: one line through two points, laid out with a real size.
      expect(await chart.locator("path.line").count(), f).toBe(1);
      expect(await chart.locator("circle.dot").count(), f).toBe(2);
      const box = await chart.boundingBox();
      expect(box?.width ?? 0, f).toBeGreaterThan(100);
    }
    // DAU rises from 5 to 9: the second point is drawn higher (smaller y) than the first.
    const ys = await page.locator('svg.chart[data-metric="dau"] circle.dot').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute("cy"))));
    expect(ys[1]!).toBeLessThan(ys[0]!);

    const rows = page.locator("table tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).locator("td").first().innerText()).toBe("2020-10-26");
    expect(await page.locator("body").innerText()).toContain("일일 활성 사용자");

    const shot = join(shots, "dashboard.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    await mkdir(SCREENSHOTS, { recursive: true });
    await copyFile(shot, join(SCREENSHOTS, "dashboard.png"));

    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

it("knows whether Chromium is installed (must be under CI=true)", () => {
  if (CI) expect(existsSync(CHROMIUM), `${CHROMIUM} is required under CI=true`).toBe(true);
});
