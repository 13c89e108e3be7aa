import * as arrow from "apache-arrow";
import { E, field, Filter, Project, schema, Scan, toArrowSchema, type OperatorMetrics, type ScanPushdown, type SourceProvider, type SourceRef } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { chunkToBatch, local, vecFromValues } from "../../src/index.js";
import { context, run } from "../helpers.js";

const full = schema([field("a", "int32"), field("b", "utf8"), field("c", "float64")]);
const ref: SourceRef = { format: "fake", options: {}, schema: full, description: "fake://t" };

/** A source with two partitions that ignores pushed filters (they are hints) and records pushdowns. */
function fakeSource(seen: ScanPushdown[]): SourceProvider {
  const rows = [[[1, "x", 1.5], [2, "y", 2.5]], [[3, "z", 3.5], [4, "w", null]]];
  return {
    format: "fake",
    resolve: async () => ref,
    partitions: async (_r, pushdown) => { seen.push(pushdown); return rows.map((_, i) => ({ id: `p${i}`, descriptor: i, estimatedRows: 2 })); },
    async *read(r, partition, pushdown) {
      const names = pushdown.projection ?? r.schema.fields.map((f) => f.name);
      const fields = r.schema.fields.filter((f) => names.includes(f.name));
      const part = rows[partition.descriptor as number]!;
      const cols = fields.map((f) => vecFromValues(f.type, part.map((row) => row[r.schema.fields.indexOf(f)])));
      yield chunkToBatch({ columns: cols, length: part.length }, toArrowSchema(schema(fields)));
    },
  };
}

describe("scan", () => {
  it("reads every partition, re-applies filters, projects, and reads filter columns", async () => {
    const seen: ScanPushdown[] = [];
    const plan = Scan.create(ref, ["b"], [E.binary(">", E.column("a"), E.literal(1))]);
    const rows = await run(plan, { sources: { fake: fakeSource(seen) } });
    expect(rows).toEqual([["y"], ["z"], ["w"]]);
    expect(seen[0]!.projection).toEqual(["a", "b"]);
  });

  it("under a projection, selects only the columns it passes on (not those only its filter reads)", async () => {
    const seen: ScanPushdown[] = [];
    const pushed = E.binary("!=", E.column("b"), E.literal("y"));
    const scan = Scan.create(ref, ["a", "b", "c"], [pushed]);
    const plan = Project.create(Filter.create(scan, pushed), [E.alias(E.binary("+", E.column("a"), E.literal(1)), "a1"), E.column("c")]);
    const rows = await run(plan, { sources: { fake: fakeSource(seen) } });
    expect(rows).toEqual([[2, 1.5], [4, 3.5], [5, null]]);
    const text = local().explain(plan, context({ sources: { fake: fakeSource(seen) } }));
    expect(text).toContain("Scan fake://t [a, c] filter=");
  });

  it("reports per-operator metrics", async () => {
    const seen: ScanPushdown[] = [];
    let metrics: readonly OperatorMetrics[] = [];
    const ctx = context({ sources: { fake: fakeSource(seen) }, onMetrics: (m) => { metrics = m; } });
    const batches: arrow.RecordBatch[] = [];
    for await (const b of local().execute(Scan.create(ref, null, []), ctx)) batches.push(b);
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(4);
    expect(metrics).toHaveLength(1);
    expect(metrics[0]!.rows).toBe(4);
    expect(metrics[0]!.operator).toContain("Scan fake://t");
  });
});
