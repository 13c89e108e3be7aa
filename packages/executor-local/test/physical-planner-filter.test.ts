// A Filter over a Scan plans without the conjuncts the scan already applies (its pushed filters).
import { E, Filter, field, optimize, Project, schema, Scan, toArrowSchema, type Expr, type LogicalPlan, type ScanPushdown, type SourceProvider, type SourceRef } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { chunkToBatch, local, vecFromValues } from "../src/index.js";
import { planPhysical } from "../src/physical-planner.js";
import { context, run, values } from "./helpers.js";

const cols = [["a", "int32"], ["b", "utf8"], ["c", "float64"]] as const;
const full = schema(cols.map(([n, t]) => field(n, t)));
const ref: SourceRef = { format: "fake", options: {}, schema: full, description: "fake://t" };
const ROWS: unknown[][] = [
  [1, "1604156400", 1.5], [2, "1604156500", 2.5], [3, "x", 3.5], [4, null, null],
  [5, " 1604156401 ", 0.5], [6, "1604156399", 9.5], [null, "1604156450", 4.5], [8, "1604156450.9", -1],
];

/** A source with two partitions that ignores pushed filters (they are hints), as the executor must assume. */
function fakeSource(seen: ScanPushdown[] = []): SourceProvider {
  const parts = [ROWS.slice(0, 4), ROWS.slice(4)];
  return {
    format: "fake",
    resolve: async () => ref,
    partitions: async (_r, pushdown) => { seen.push(pushdown); return parts.map((_, i) => ({ id: `p${i}`, descriptor: i, estimatedRows: 4 })); },
    async *read(r, partition, pushdown) {
      const names = pushdown.projection ?? r.schema.fields.map((f) => f.name);
      const fields = r.schema.fields.filter((f) => names.includes(f.name));
      const part = parts[partition.descriptor as number]!;
      const columns = fields.map((f) => vecFromValues(f.type, part.map((row) => row[r.schema.fields.indexOf(f)])));
      yield chunkToBatch({ columns, length: part.length }, toArrowSchema(schema(fields)));
    },
  };
}

const col = E.column, lit = E.literal;
const time = E.cast(col("b"), "int64");
const lo = E.binary(">=", time, lit(1604156400));
const hi = E.binary("<", time, lit(1604156500));
const aPos = E.binary(">", col("a"), lit(1));
const and = (...xs: Expr[]) => xs.reduce((x, y) => E.binary("and", x, y));

const LO = "CAST(b#1 AS int64) >= 1604156400";
const LO_AND_HI = `((${LO}) and (CAST(b#1 AS int64) < 1604156500))`;
const explain = (plan: LogicalPlan) => local().explain(plan, context());
const runFake = (plan: LogicalPlan) => run(plan, { sources: { fake: fakeSource() } });
/** The same rows through a Values input (no scan, so the Filter is planned as written). */
const runValues = (predicate: Expr, projection: readonly string[]) =>
  run(Project.create(Filter.create(values(cols, ROWS), predicate), projection.map((n) => col(n))));

describe("Filter over Scan", () => {
  it("is just the scan when every conjunct is a pushed filter (in any order)", async () => {
    for (const predicate of [and(lo, hi), and(hi, lo)]) {
      const plan = Filter.create(Scan.create(ref, ["a", "b"], [lo, hi]), predicate);
      const physical = planPhysical(plan);
      expect(physical.kind).toBe("scan");
      expect(explain(plan)).toBe(`Scan fake://t [a, b] filter=${LO_AND_HI}`);
      expect(await runFake(plan)).toEqual(await runValues(predicate, ["a", "b"]));
      expect(await runFake(plan)).toEqual([[1, "1604156400"], [5, " 1604156401 "], [null, "1604156450"], [8, "1604156450.9"]]);
    }
  });

  it("tells apart conjuncts that differ only in a literal JSON cannot write (±Infinity)", async () => {
    const notInf = E.binary("!=", col("c"), lit(Infinity, "float64"));
    const notNegInf = E.binary("!=", col("c"), lit(-Infinity, "float64"));
    const plan = Filter.create(Scan.create(ref, ["a", "c"], [notInf]), and(notInf, notNegInf));
    const physical = planPhysical(plan);
    expect(physical.kind).toBe("filter");
  });

  it("keeps a Filter with only the conjuncts that were not pushed", async () => {
    const predicate = and(lo, aPos, hi);
    const plan = Filter.create(Scan.create(ref, ["a", "b"], [lo, hi]), predicate);
    expect(explain(plan)).toBe([
      "Filter (a#0 > 1)",
      `  Scan fake://t [a, b] filter=${LO_AND_HI}`,
    ].join("\n"));
    expect(await runFake(plan)).toEqual(await runValues(predicate, ["a", "b"]));
    expect(await runFake(plan)).toEqual([[5, " 1604156401 "], [8, "1604156450.9"]]);
  });

  it("keeps the whole predicate when nothing in it was pushed", () => {
    const plan = Filter.create(Scan.create(ref, ["a", "b"], [lo]), aPos);
    expect(explain(plan)).toBe([
      "Filter (a#0 > 1)",
      `  Scan fake://t [a, b] filter=(${LO})`,
    ].join("\n"));
    const bare = Filter.create(Scan.create(ref, ["a", "b"]), lo);
    expect(explain(bare)).toBe([`Filter (${LO})`, "  Scan fake://t [a, b]"].join("\n"));
  });

  it("gives the same rows after the optimizer pushes the filter and prunes columns", async () => {
    const seen: ScanPushdown[] = [];
    const predicate = and(lo, hi);
    const plan = optimize(Project.create(Filter.create(Scan.create(ref), predicate), [col("a"), col("c")]));
    const text = explain(plan);
    expect(text).not.toContain("Filter");
    expect(text).toContain("Scan fake://t");
    const rows = await run(plan, { sources: { fake: fakeSource(seen) } });
    expect(rows).toEqual(await runValues(predicate, ["a", "c"]));
    expect(rows).toEqual([[1, 1.5], [5, 0.5], [null, 4.5], [8, -1]]);
    expect(seen[0]!.filters.length).toBe(2);
  });
});

describe("a projection over a filter", () => {
  it("keeps only the columns the projection reads (in their order), with the same rows", async () => {
    const input = values([["a", "int32"], ["b", "utf8"], ["c", "float64"], ["d", "int64"]], [
      [1, "x", 1.5, 10], [2, "y", null, 20], [3, "x", 3.5, null], [null, "x", 4.5, 40], [5, null, 5.5, 50],
    ]);
    const plan = Project.create(Filter.create(input, E.binary("=", col("b"), lit("x"))), [E.alias(E.binary("+", col("d"), col("a")), "s"), col("c")]);
    const physical = planPhysical(plan);
    if (physical.kind !== "project" || physical.input.kind !== "filter") throw new Error(`expected a project over a filter, got ${physical.kind}`);
    expect(physical.input.columns).toEqual([0, 2, 3]);
    expect(physical.input.schema.fields.map((f) => f.name)).toEqual(["a", "c", "d"]);
    expect(await run(plan)).toEqual([[11, 1.5], [null, 3.5], [null, 4.5]]);
    // Every column read: nothing to narrow.
    const all = planPhysical(Project.create(Filter.create(input, E.binary("=", col("b"), lit("x"))), [col("d"), col("c"), col("b"), col("a")]));
    expect(all.kind === "project" && all.input.kind === "filter" && all.input.columns).toBe(null);
  });
});
