// The JSON API over real HTTP, reading a warehouse's files (no MySQL URL, or one that does not answer).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVE_HELP, startServer } from "../../src/serve/index.js";
import { courseWarehouse, DAYS, dimension, METRICS, removeDir, tempDir, writeKpi } from "./fixture.js";
import { get, rawGet } from "./http.js";

let warehouse: string;
let server: Awaited<ReturnType<typeof startServer>>;
const logs: string[] = [];

beforeAll(async () => {
  warehouse = await courseWarehouse();
  server = await startServer({ warehouse, port: 0, host: "127.0.0.1", log: (l) => logs.push(l) });
});
afterAll(async () => {
  await server?.close();
  if (warehouse !== undefined) await removeDir(warehouse);
});

describe("serve: startup", () => {
  it("listens on 127.0.0.1 on the port it was given (0: a free one) and logs the source", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    expect(logs.some((l) => l.includes("no MySQL URL") && l.includes(join(warehouse, "kpi")))).toBe(true);
    expect(logs.some((l) => l.includes(`listening on ${server.url}`))).toBe(true);
  });

  it("has a help text naming its options and endpoints", () => {
    for (const s of ["lgde serve", "--warehouse", "--mysql", "--port", "--host", "/api/metrics", "/api/dimension"]) expect(SERVE_HELP).toContain(s);
  });
});

describe("GET /api/metrics", () => {
  it("returns every day in date order with the figures from R/kpi", async () => {
    const a = await get(server.url, "/api/metrics");
    expect(a.status).toBe(200);
    expect(a.type).toBe("application/json; charset=utf-8");
    expect(a.body).toEqual({ source: "files", from: null, to: null, metrics: DAYS.map((dt) => ({ dt, ...METRICS[dt] })) });
  });

  it("restricts to from..to, both included", async () => {
    const one = await get(server.url, "/api/metrics?from=20201026&to=20201026");
    expect((one.body as { metrics: { dt: string }[] }).metrics.map((m) => m.dt)).toEqual(["20201026"]);
    const upTo = await get(server.url, "/api/metrics?to=20201025");
    expect((upTo.body as { metrics: { dt: string }[] }).metrics.map((m) => m.dt)).toEqual(["20201025"]);
    const wide = await get(server.url, "/api/metrics?from=20200101&to=20201231");
    expect((wide.body as { metrics: unknown[] }).metrics).toHaveLength(2);
    const none = await get(server.url, "/api/metrics?from=20201101");
    expect(none.status).toBe(200);
    expect((none.body as { metrics: unknown[] }).metrics).toEqual([]);
  });

  it.each([
    ["/api/metrics?from=2020-10-25", /from "2020-10-25" is not a day/],
    ["/api/metrics?from=20201026&to=20201025", /from 20201026 is after to 20201025/],
    ["/api/metrics?to=20201332", /to "20201332" is not a calendar day/],
    ["/api/metrics?from=", /from "" is not a day/],
    ["/api/metrics?from=20201025&from=20201026", /more than once/],
    ["/api/metrics?form=20201025", /unknown query parameter "form"/],
    ["/api/metrics?from=20201025'%20OR%201=1--", /is not a day/],
  ])("answers 400 with a JSON error for %s", async (path, message) => {
    const a = await get(server.url, path);
    expect(a.status).toBe(400);
    expect(a.type).toBe("application/json; charset=utf-8");
    expect((a.body as { error: string }).error).toMatch(message);
  });
});

describe("GET /api/metrics/D", () => {
  it("returns one day", async () => {
    const a = await get(server.url, "/api/metrics/20201026");
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ source: "files", metrics: { dt: "20201026", ...METRICS["20201026"] } });
  });

  it("answers 404 with a JSON error for a day without metrics", async () => {
    const a = await get(server.url, "/api/metrics/20201027");
    expect(a.status).toBe(404);
    expect(a.body).toEqual({ error: "no metrics for day 20201027" });
  });

  it.each(["2020102", "202010250", "2020102a", "20200230", "2020%2F1025", "%32%30%32%30%31%30%32%35%2F", "-20201025", "%E0%A4%A"])("answers 400 for the day %s", async (day) => {
    const a = await get(server.url, `/api/metrics/${day}`);
    expect(a.status).toBe(400);
    expect((a.body as { error: string }).error).toMatch(/^(day ".*" is not a|malformed path segment)/);
  });
});

describe("GET /api/dimension/D", () => {
  type Page = { dt: string; total: number; limit: number; offset: number; rows: Record<string, unknown>[] };

  it("returns the day's dimension in d_uid order, 100 rows by default", async () => {
    const a = await get(server.url, "/api/dimension/20201026");
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ dt: "20201026", total: 9, limit: 100, offset: 0, rows: dimension("20201026") });
  });

  it("pages with limit and offset", async () => {
    const all = dimension("20201026");
    for (const [limit, offset] of [[1, 0], [2, 3], [4, 7], [1000, 8], [5, 9], [3, 1_000_000]] as const) {
      const a = await get(server.url, `/api/dimension/20201026?limit=${limit}&offset=${offset}`);
      expect(a.status).toBe(200);
      const page = a.body as Page;
      expect(page.total).toBe(9);
      expect(page.rows).toEqual(all.slice(offset, offset + limit));
    }
  });

  it("reads each day's own partition (Korean names intact)", async () => {
    const page = (await get(server.url, "/api/dimension/20201025?limit=2")).body as Page;
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r["d_name"])).toEqual(["정휘센", "김싸이언"]);
  });

  it("answers 404 for a day without a dimension", async () => {
    const a = await get(server.url, "/api/dimension/20201024");
    expect(a.status).toBe(404);
    expect(a.body).toEqual({ error: "no user dimension for day 20201024" });
  });

  it.each([
    ["/api/dimension/20201026?limit=1001", /limit 1001 is out of range: expected 1 to 1000/],
    ["/api/dimension/20201026?limit=0", /limit 0 is out of range/],
    ["/api/dimension/20201026?limit=-1", /limit "-1" is not a whole number/],
    ["/api/dimension/20201026?limit=1e3", /limit "1e3" is not a whole number/],
    ["/api/dimension/20201026?limit=99999999999999999999", /limit "99999999999999999999" is not a whole number/],
    ["/api/dimension/20201026?offset=-5", /offset "-5" is not a whole number/],
    ["/api/dimension/20201026?offset=1.5", /offset "1.5" is not a whole number/],
    ["/api/dimension/20201026?page=2", /unknown query parameter "page"/],
    ["/api/dimension/2020-10-26", /day "2020-10-26" is not a day/],
  ])("answers 400 for %s", async (path, message) => {
    const a = await get(server.url, path);
    expect(a.status).toBe(400);
    expect((a.body as { error: string }).error).toMatch(message);
  });
});

describe("anything else", () => {
  it("cannot reach files outside the warehouse", async () => {
    for (const path of [
      "/api/dimension/..%2F..%2F..%2F..%2Fetc",
      "/api/dimension/%2e%2e%2f%2e%2e%2fkpi",
      "/api/metrics/..%2F..%2F..%2Fetc%2Fpasswd",
      "/api/dimension/../../../../etc/passwd",
      "/../../../../etc/passwd",
      "/api/metrics/%00",
    ]) {
      const a = await rawGet(server.port, path);
      expect([400, 404], path).toContain(a.status);
      expect(a.text, path).not.toContain("root:");
      expect(JSON.parse(a.text), path).toHaveProperty("error");
    }
  });

  it("answers 404 for an unknown path and 405 for other methods, as JSON", async () => {
    const a = await get(server.url, "/api/nothing");
    expect(a.status).toBe(404);
    expect(a.body).toEqual({ error: "no such page: /api/nothing" });
    const post = await get(server.url, "/api/metrics", { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((post.body as { error: string }).error).toMatch(/method POST is not allowed/);
  });

  it("answers HEAD like GET without a body", async () => {
    const a = await get(server.url, "/api/metrics", { method: "HEAD" });
    expect(a.status).toBe(200);
    expect(a.text).toBe("");
  });

  it("serves the dashboard page as UTF-8 HTML with the latest day's figures and one SVG chart per metric", async () => {
    const a = await get(server.url, "/");
    expect(a.status).toBe(200);
    expect(a.type).toBe("text/html; charset=utf-8");
    expect(a.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = a.text;
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("일일 지표");
    expect(html).toContain('id="latest" data-dt="20201026"');
    expect(html).toMatch(/data-metric="dau"><div class="code">DAU<\/div><div class="name">[^<]*<\/div><div class="value">9</);
    expect(html).toMatch(/data-metric="dr">.*?<div class="value">₩12,900,000</);
    expect(html).toMatch(/data-metric="arpu">.*?<div class="value">₩1,433,333</);
    expect(html).toMatch(/data-metric="daat">.*?<div class="value">40분</);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(11);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/<tr data-dt="/g)).toHaveLength(2);
  });
});

describe("reading R/kpi", () => {
  it("skips hidden and temporary files, and reports a broken file with its name and line", async () => {
    const root = await tempDir("lgde-serve-kpi-");
    const logged: string[] = [];
    const s = await startServer({ warehouse: root, port: 0, log: (l) => logged.push(l) });
    try {
      // An empty warehouse is a page that says so, not an error.
      expect((await get(s.url, "/api/metrics")).body).toEqual({ source: "files", from: null, to: null, metrics: [] });
      expect((await get(s.url, "/")).text).toContain("no metrics yet");

      await writeKpi(root, "20201025", METRICS["20201025"]);
      const dir = join(root, "kpi", "dt=20201025");
      await writeFile(join(dir, ".part-00000.json.crc"), "garbage");
      await mkdir(join(root, "kpi", "_temporary"), { recursive: true });
      await writeFile(join(dir, "_temporary.json"), "garbage");
      expect((await get(s.url, "/api/metrics")).body).toMatchObject({ metrics: [{ dt: "20201025", dau: 5 }] });

      const bad = join(root, "kpi", "dt=20201026", "part-00000.json");
      await mkdir(join(root, "kpi", "dt=20201026"));
      await writeFile(bad, `\n{"dt":"20201026","dau":"nine"}\n`);
      const a = await get(s.url, "/api/metrics/20201026");
      expect(a.status).toBe(500);
      expect((a.body as { error: string }).error).toBe(`${bad} line 2: figure "dau" is "nine", not a number`);
      expect(logged.some((l) => l.includes(bad))).toBe(true);

      await writeFile(bad, `{"dt":"20201026"\n`);
      expect(((await get(s.url, "/api/metrics")).body as { error: string }).error).toMatch(`${bad} line 1: not JSON`);

      await writeFile(bad, `{"dt":"20201027","dau":1}\n`);
      expect(((await get(s.url, "/api/metrics/20201026")).body as { error: string }).error).toMatch(/does not match the partition dt=20201026/);

      await writeFile(bad, `{"dt":"20201026","dau":1}\n{"dt":"20201026","dau":2}\n`);
      expect(((await get(s.url, "/api/metrics/20201026")).body as { error: string }).error).toMatch(/2 metric rows for day 20201026, expected one/);

      // A figure the job left null (ARPU on a day without users) is served as null.
      await writeFile(bad, `{"dt":"20201026","dau":0,"arpu":null}\n`);
      expect(((await get(s.url, "/api/metrics/20201026")).body as { metrics: Record<string, unknown> }).metrics).toMatchObject({ dau: 0, arpu: null, ltv: null });
    } finally {
      await s.close();
      await removeDir(root);
    }
  });

  it("falls back to the files, and says so, when MySQL does not answer", async () => {
    const logged: string[] = [];
    // Port 9 (discard) on this machine: nothing listens, so the connection is refused at once.
    const s = await startServer({ warehouse, mysql: "mysql://root@127.0.0.1:9/lgde", port: 0, log: (l) => logged.push(l) });
    try {
      expect(logged[0]).toMatch(/^serve: MySQL table lgde at mysql:\/\/root@127\.0\.0\.1:9\/lgde: .*; metrics from files /);
      expect(((await get(s.url, "/api/metrics/20201025")).body as { source: string }).source).toBe("files");
    } finally {
      await s.close();
    }
  });

  it("refuses a port that is taken, naming it", async () => {
    await expect(startServer({ warehouse, port: server.port, log: () => {} })).rejects.toThrow(`cannot listen on 127.0.0.1:${server.port}`);
  });
});
