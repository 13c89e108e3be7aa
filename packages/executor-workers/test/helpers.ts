// Test helpers: Values plans from rows, and running one plan through local() and workers() to compare.
import * as arrow from "apache-arrow";
import {
  batchesToRows, field, rowsToBatches, schema as makeSchema, toArrowSchema, Values,
  type DataType, type ExecutionContext, type Executor, type LogicalPlan, type OperatorMetrics, type Plugin, type SourceProvider,
} from "@lgde/core";
import { local } from "@lgde/executor-local";
import { expect } from "vitest";

/** A Values node of rows (objects), split into batches of `batchRows` rows. */
export function values(cols: readonly (readonly [string, DataType])[], rows: readonly Record<string, unknown>[], batchRows = 7): LogicalPlan {
  const s = makeSchema(cols.map(([n, t]) => field(n, t, true)));
  return Values.create(rows.length === 0 ? [] : rowsToBatches(rows, s, batchRows), s);
}

export interface CtxOptions {
  readonly plugins?: readonly Plugin[];
  readonly batchSize?: number;
  readonly onMetrics?: (m: readonly OperatorMetrics[]) => void;
}

export function context(o: CtxOptions = {}): ExecutionContext {
  const sources = new Map<string, SourceProvider>();
  for (const p of o.plugins ?? []) for (const s of p.sources ?? []) sources.set(s.format, s);
  return {
    timeZone: "UTC",
    batchSize: o.batchSize ?? 5,
    plugins: o.plugins ?? [],
    sources: {
      source: (f) => { const p = sources.get(f); if (!p) throw new Error(`no source ${f}`); return p; },
      sink: (f) => { throw new Error(`no sink ${f}`); },
    },
    ...(o.onMetrics ? { onMetrics: o.onMetrics } : {}),
  };
}

/** Rows of a plan run by `executor`, with every batch checked against the plan's schema. */
export async function rowsOf(executor: Executor, plan: LogicalPlan, o: CtxOptions = {}): Promise<Record<string, unknown>[]> {
  const expected = toArrowSchema(plan.schema).fields.map((f) => [f.name, String(f.type), f.nullable]);
  const batches: arrow.RecordBatch[] = [];
  for await (const b of executor.execute(plan, context(o))) {
    expect(b.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual(expected);
    batches.push(b);
  }
  return batchesToRows(batches);
}

const key = (r: Record<string, unknown>) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

/** Rows in a canonical order, for plans whose row order is not defined. */
export function canonical(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map(key).sort();
}

/** Asserts that workers gives exactly local's rows (in order when `ordered`). */
export async function expectSame(exec: Executor, plan: LogicalPlan, ordered = false, o: CtxOptions = {}): Promise<Record<string, unknown>[]> {
  const want = await rowsOf(local(), plan, o);
  const got = await rowsOf(exec, plan, o);
  if (ordered) expect(got.map(key)).toEqual(want.map(key));
  else expect(canonical(got)).toEqual(canonical(want));
  return got;
}
