// Scans read by the workers themselves from a rebuilt plugin; failures and crashes; exit without stop().
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { Aggregate, E, ExecutionError, Filter, Join, Limit, Project, Scan, type OperatorMetrics, type Plugin, type SourceRef } from "@lgde/core";
import { workers } from "@lgde/executor-workers";
import { expectSame, rowsOf } from "./helpers.js";
// @ts-expect-error: a plain JS module, so that worker threads can import it too
import { testSource, testSourceLocalOnly } from "./fixtures/test-source.mjs";

const c = E.column;
const plugin = testSource() as Plugin;
const localOnly = testSourceLocalOnly() as Plugin;

async function scanOf(parts: Record<string, unknown>[][], extra: Record<string, number> = {}, name = "access") {
  const ref: SourceRef = await plugin.sources![0]!.resolve({ schema: "uid int, page string, ms bigint", parts: parts as never, name, ...extra });
  return Scan.create(ref);
}

// Skewed partitions: one big, some empty, one with a single row.
const parts = [
  Array.from({ length: 60 }, (_, i) => ({ uid: i % 4, page: `p${i % 3}`, ms: i * 10 })),
  [],
  [{ uid: 7, page: null, ms: null }],
  Array.from({ length: 25 }, (_, i) => ({ uid: i % 9, page: `p${i % 5}`, ms: i })),
  [],
];

describe.each([1, 2, 4])("scans with %i threads", (threads) => {
  const exec = workers({ threads, broadcastRows: 0 });
  afterAll(() => exec.stop());
  const opts = { plugins: [plugin] };

  it("scan → filter → partial aggregate → exchange → final aggregate", async () => {
    const scan = await scanOf(parts);
    const plan = Aggregate.create(Filter.create(scan, E.binary(">=", c("ms"), E.literal(5))), [c("page")],
      [E.alias(E.aggregate("count", []), "n"), E.alias(E.aggregate("count", [c("uid")], { distinct: true }), "users"), E.alias(E.aggregate("max", [c("ms")]), "last")]);
    await expectSame(exec, plan, false, opts);
  });

  it("joins two scans and limits", async () => {
    const left = await scanOf(parts), right = await scanOf([[{ uid: 1, page: "x", ms: 1 }], [{ uid: 2, page: "y", ms: 2 }, { uid: 2, page: "z", ms: 3 }]]);
    const joined = Join.create(left, Project.create(Scan.create(right.source, ["uid", "page"]), [c("uid"), E.alias(c("page"), "rpage")]), "left", null, ["uid"]);
    await expectSame(exec, joined, false, opts);
    await expectSame(exec, Limit.create(left, 30), true, opts);
  });

  it("reads on the coordinator when a plugin cannot be rebuilt in a worker", async () => {
    const scan = await scanOf(parts);
    await expectSame(exec, Aggregate.create(scan, [c("uid")], [E.alias(E.aggregate("sum", [c("ms")]), "s")]), false, { plugins: [localOnly] });
  });

  it("scans with no partitions", async () => {
    await expectSame(exec, Aggregate.create(await scanOf([]), [], [E.alias(E.aggregate("count", []), "n")]), false, opts);
  });
});

describe("failures", () => {
  const exec = workers({ threads: 2 });
  afterAll(() => exec.stop());
  const opts = { plugins: [plugin] };

  it("a source error in one partition reaches the caller as the same error, and the pool stays usable", async () => {
    const bad = Aggregate.create(await scanOf(parts, { failIn: 3 }, "broken"), [c("page")], [E.alias(E.aggregate("count", []), "n")]);
    const err = await rowsOf(exec, bad, opts).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ExecutionError);
    expect((err as Error).message).toBe("testrows broken: bad record in partition 3");
    await expectSame(exec, Aggregate.create(await scanOf(parts), [c("page")], [E.alias(E.aggregate("count", []), "n")]), false, opts);
  });

  it("a crashed worker fails the query cleanly and is replaced", async () => {
    const bad = Aggregate.create(await scanOf(parts, { crashIn: 0 }, "crashing"), [c("page")], [E.alias(E.aggregate("count", []), "n")]);
    const err = await rowsOf(exec, bad, opts).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ExecutionError);
    expect((err as Error).message).toMatch(/worker thread failed/);
    await expectSame(exec, Aggregate.create(await scanOf(parts), [c("uid")], [E.alias(E.aggregate("count", []), "n")]), false, opts);
  });

  it("an analysis error keeps its class", async () => {
    // A fragment that fails only inside the worker: casting in a join key never fails, so use a bad source format.
    const ref: SourceRef = { format: "nope", options: {}, schema: (await scanOf(parts)).source.schema, description: "nope" };
    const err = await rowsOf(exec, Scan.create(ref), opts).then(() => null, (e: unknown) => e);
    expect((err as Error).message).toBe("no source nope");
  });
});

describe("metrics", () => {
  it("reports per-operator metrics from the workers and the exchanges", async () => {
    const exec = workers({ threads: 2 });
    const seen: OperatorMetrics[] = [];
    await rowsOf(exec, Aggregate.create(await scanOf(parts), [c("uid")], [E.alias(E.aggregate("count", []), "n")]),
      { plugins: [plugin], onMetrics: (m) => seen.push(...m) });
    await exec.stop();
    expect(seen.some((m) => m.operator.startsWith("Exchange") && m.rows > 0)).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    // One entry per operator: the tasks of the scan's partitions are summed.
    const names = seen.map((m) => m.operator);
    expect(new Set(names).size).toBe(names.length);
    expect(seen.filter((m) => m.operator.startsWith("Exchange")).reduce((n, m) => n + m.rows, 0)).toBeGreaterThan(0);
  });
});

describe("process lifetime", () => {
  it("a script that never calls stop() still exits", () => {
    const script = fileURLToPath(new URL("./fixtures/no-stop.mjs", import.meta.url));
    // The timeout only guards the test run; a hang shows up as a null status.
    const r = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("groups=4");
    expect(r.status).toBe(0);
  });

  it("a session that starts the pool and never runs a query still exits", () => {
    const script = fileURLToPath(new URL("./fixtures/no-query.mjs", import.meta.url));
    const r = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("executor=workers");
    expect(r.status).toBe(0);
  });

  it("a pool started with a plugin that cannot load runs queries without it and reports it to those with it", async () => {
    const exec = workers({ threads: 2 });
    const broken = { name: "broken", module: { specifier: "@lgde/no-such-plugin", exportName: "x" } } as Plugin;
    exec.start!({ timeZone: "UTC", batchSize: 100, sources: { source() { throw new Error("none"); }, sink() { throw new Error("none"); } }, plugins: [broken] });
    const scan = await scanOf(parts);
    expect(await rowsOf(exec, scan, { plugins: [plugin] })).toHaveLength(86);
    // A query of a session with that plugin reports it.
    await expect(rowsOf(exec, scan, { plugins: [plugin, broken] })).rejects.toThrow(/cannot import plugin module "@lgde\/no-such-plugin"/);
    await exec.stop();
  });

  it("stop() then a new query starts a fresh pool", async () => {
    const exec = workers({ threads: 2 });
    const scan = await scanOf(parts);
    await rowsOf(exec, scan, { plugins: [plugin] });
    await exec.stop();
    expect(await rowsOf(exec, scan, { plugins: [plugin] })).toHaveLength(86);
    await exec.stop();
  });
});

