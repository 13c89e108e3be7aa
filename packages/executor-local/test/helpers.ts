// Test helpers: Values plans from rows, running plans through local(), rows back out.
import * as arrow from "apache-arrow";
import { field, schema as makeSchema, toArrowSchema, Values, type DataType, type ExecutionContext, type LogicalPlan, type OperatorMetrics, type Schema, type SourceProvider } from "@lgde/core";
import { expect } from "vitest";
import { chunkFromBatch, chunkToBatch, local, vecFromValues, type Vec } from "../src/index.js";

/** A schema from `[name, type]` pairs (all nullable). */
export function schemaOf(cols: readonly (readonly [string, DataType])[]): Schema {
  return makeSchema(cols.map(([n, t]) => field(n, t, true)));
}

/** A Values node of rows (arrays by position), split into batches of `batchRows`. */
export function values(cols: readonly (readonly [string, DataType])[], rows: readonly unknown[][], batchRows = 1000): LogicalPlan {
  const s = schemaOf(cols);
  const batches: arrow.RecordBatch[] = [];
  for (let start = 0; start < Math.max(rows.length, 1); start += batchRows) {
    const part = rows.slice(start, start + batchRows);
    const columns = cols.map(([, t], i) => vecFromValues(t, part.map((r) => r[i])));
    batches.push(chunkToBatch({ columns, length: part.length }, toArrowSchema(s)));
  }
  return Values.create(batches, s);
}

function jsValue(v: Vec, i: number): unknown {
  if (v.type === "null" || (v.valid !== null && v.valid[i] === 0)) return null;
  switch (v.type) {
    case "int64": case "timestamp": { const x = v.values[i]!; return x >= -(2n ** 53n) && x <= 2n ** 53n ? Number(x) : x; }
    case "bool": return v.values[i] === 1;
    case "utf8": return new TextDecoder().decode(v.bytes.subarray(v.offsets[i]!, v.offsets[i + 1]!));
    case "int32": case "date": case "float64": return v.values[i]!;
  }
}

export interface RunOptions {
  timeZone?: string;
  batchSize?: number;
  sources?: Record<string, SourceProvider>;
  onMetrics?: (m: readonly OperatorMetrics[]) => void;
}

export function context(o: RunOptions = {}): ExecutionContext {
  return {
    timeZone: o.timeZone ?? "UTC",
    batchSize: o.batchSize ?? 4,
    sources: {
      source: (f) => { const p = o.sources?.[f]; if (!p) throw new Error(`no source ${f}`); return p; },
      sink: (f) => { throw new Error(`no sink ${f}`); },
    },
    ...(o.onMetrics ? { onMetrics: o.onMetrics } : {}),
  };
}

/** Runs a plan with local() and returns its rows; checks every batch's schema and size. */
export async function run(plan: LogicalPlan, o: RunOptions = {}): Promise<unknown[][]> {
  const ctx = context(o);
  const expected = toArrowSchema(plan.schema);
  const rows: unknown[][] = [];
  for await (const batch of local().execute(plan, ctx)) {
    expect(batch.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual(expected.fields.map((f) => [f.name, String(f.type), f.nullable]));
    expect(batch.numRows).toBeLessThanOrEqual(ctx.batchSize);
    expect(batch.numRows).toBeGreaterThan(0);
    const c = chunkFromBatch(batch, plan.schema);
    for (let i = 0; i < c.length; i++) rows.push(c.columns.map((v) => jsValue(v, i)));
  }
  return rows;
}

/** Rows sorted for order-insensitive comparison. */
export function sorted(rows: unknown[][]): unknown[][] {
  return [...rows].sort((a, b) => (JSON.stringify(a, (_, v) => (typeof v === "bigint" ? String(v) : v)) < JSON.stringify(b, (_, v) => (typeof v === "bigint" ? String(v) : v)) ? -1 : 1));
}
