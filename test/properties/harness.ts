// Runs a plan on an executor and compares its rows with the reference evaluator's, as multisets.
import * as arrow from "apache-arrow";
import fc from "fast-check";
import {
  explainLogical, optimize, defaultRules, toArrowSchema,
  type ExecutionContext, type Executor, type LogicalPlan, type Schema, type SourceRegistry, type Value,
} from "@lgde/core";
import { evaluate, compareWithOrder } from "../reference/evaluate.js";
import { batchesToRows, compareValues, Int64RangeError, type Row } from "../reference/rows.js";

const noSources: SourceRegistry = {
  source(format) {
    throw new Error(`property tests use no sources (asked for ${format})`);
  },
  sink(format) {
    throw new Error(`property tests use no sinks (asked for ${format})`);
  },
};

/** An execution context for in-memory plans. */
export function testContext(batchSize = 7, timeZone = "Asia/Seoul"): ExecutionContext {
  return { timeZone, sources: noSources, batchSize };
}

/** Runs `plan` on `executor`, checks every batch's schema, and returns the rows in output order. */
export async function runPlan(executor: Executor, plan: LogicalPlan, ctx: ExecutionContext): Promise<Row[]> {
  const expected = toArrowSchema(plan.schema);
  const batches: arrow.RecordBatch[] = [];
  for await (const b of executor.execute(plan, ctx)) {
    const got = b.schema.fields.map((f) => `${f.name}: ${String(f.type)}`).join(", ");
    const want = expected.fields.map((f) => `${f.name}: ${String(f.type)}`).join(", ");
    if (got !== want) throw new Error(`batch schema [${got}] differs from the plan's [${want}]`);
    batches.push(b);
  }
  return batchesToRows(batches, plan.schema);
}

const REL = 1e-9;

function closeEnough(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (a === b) return true;
    return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b), 1);
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

const rowsClose = (a: Row, b: Row) => a.length === b.length && a.every((v, i) => closeEnough(v, b[i] ?? null));

/** Total order on rows for sorting multisets: nulls first, floats rounded to 9 significant digits. */
function rowOrder(a: Row, b: Row): number {
  for (let i = 0; i < a.length; i++) {
    let x = a[i] ?? null;
    let y = b[i] ?? null;
    if (x === null || y === null) {
      if (x === y) continue;
      return x === null ? -1 : 1;
    }
    if (typeof x === "number" && typeof y === "number") {
      x = Number(x.toPrecision(9));
      y = Number(y.toPrecision(9));
    }
    const c = compareValues(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

const show = (r: Row) => JSON.stringify(r);

/** Null if `actual` holds the same multiset of rows as `expected` (floats within a relative tolerance), else why not. */
export function multisetDiff(expected: readonly Row[], actual: readonly Row[]): string | null {
  if (expected.length !== actual.length) {
    return `expected ${expected.length} rows, got ${actual.length}\n${describeDiff(expected, actual)}`;
  }
  const e = [...expected].sort(rowOrder);
  const a = [...actual].sort(rowOrder);
  if (e.every((r, i) => rowsClose(r, a[i]!))) return null;
  // sorting may separate rows that are equal within tolerance: match greedily before failing
  const unmatched = [...actual];
  for (const r of expected) {
    const j = unmatched.findIndex((u) => rowsClose(r, u));
    if (j < 0) return `row ${show(r)} expected but not found\n${describeDiff(expected, actual)}`;
    unmatched.splice(j, 1);
  }
  return null;
}

function describeDiff(expected: readonly Row[], actual: readonly Row[]): string {
  const missing = [...expected];
  const extra: Row[] = [];
  for (const r of actual) {
    const j = missing.findIndex((m) => rowsClose(m, r));
    if (j >= 0) missing.splice(j, 1);
    else extra.push(r);
  }
  const list = (rows: Row[]) => rows.slice(0, 10).map(show).join("\n    ") + (rows.length > 10 ? `\n    ... ${rows.length - 10} more` : "");
  return `  missing (${missing.length}):\n    ${list(missing)}\n  unexpected (${extra.length}):\n    ${list(extra)}`;
}

/** Null if `rows` are ordered as a sort node's orders say (keys are evaluated by the reference), else why not. */
export function orderViolation(plan: LogicalPlan, rows: readonly Row[]): string | null {
  if (plan.kind !== "sort") return null;
  // the keys of the actual rows: evaluate the orders on them through a tiny Values-free path
  const keyIdx = plan.orders.map((o) => (o.expr.kind === "column" ? plan.schema.fields.findIndex((f) => f.name === (o.expr as { name: string }).name) : -1));
  if (keyIdx.some((i) => i < 0)) return null;
  for (let r = 1; r < rows.length; r++) {
    for (let k = 0; k < plan.orders.length; k++) {
      const c = compareWithOrder(rows[r - 1]![keyIdx[k]!] ?? null, rows[r]![keyIdx[k]!] ?? null, plan.orders[k]!);
      if (c < 0) break;
      if (c > 0) return `rows ${r - 1} and ${r} are out of order: ${show(rows[r - 1]!)} then ${show(rows[r]!)}`;
    }
  }
  return null;
}

/** The variants of a plan an executor must agree on: unoptimized, optimized, and optimized with each rule off. */
export function planVariants(plan: LogicalPlan): { label: string; plan: LogicalPlan }[] {
  return [
    { label: "unoptimized", plan },
    { label: "optimized", plan: optimize(plan) },
    ...defaultRules.map((r) => ({ label: `optimized without ${r.name}`, plan: optimize(plan, { disabledRules: [r.name] }) })),
  ];
}

/**
 * Checks that `executor` returns the reference's multiset of rows for every variant of `plan`
 * (and the order, when the plan ends in a sort). Throws a message with the plans and the differing rows.
 */
export async function checkAgainstReference(executor: Executor, plan: LogicalPlan, ctx: ExecutionContext = testContext()): Promise<void> {
  const expected = evaluate(plan, { timeZone: ctx.timeZone }).rows;
  for (const v of planVariants(plan)) {
    let actual: Row[];
    try {
      actual = await runPlan(executor, v.plan, ctx);
    } catch (err) {
      // The reference computes int64 with doubles, exact only within 2^53: such cases are out of its reach.
      if (err instanceof Int64RangeError) fc.pre(false);
      throw new Error(`${v.label}: executor failed: ${(err as Error).stack ?? String(err)}\nplan:\n${explainLogical(v.plan)}\noriginal plan:\n${explainLogical(plan)}\n${dumpValues(plan)}`);
    }
    const diff = multisetDiff(expected, actual) ?? orderViolation(plan, actual);
    if (diff) {
      throw new Error(`${v.label}: ${diff}\nplan:\n${explainLogical(v.plan)}\noriginal plan:\n${explainLogical(plan)}\n${dumpValues(plan)}`);
    }
  }
}

/** Renders a schema for messages. */
export const schemaText = (s: Schema) => s.fields.map((f) => `${f.name}: ${f.type}${f.nullable ? "" : " not null"}`).join(", ");

/** The rows of every Values node of a plan, for failure messages (explain does not print data). */
export function dumpValues(plan: LogicalPlan): string {
  const out: string[] = [];
  const walk = (p: LogicalPlan): void => {
    switch (p.kind) {
      case "values":
        out.push(`values [${schemaText(p.schema)}] (${p.batches.length} batches):\n    ${batchesToRows(p.batches, p.schema).map(show).join("\n    ")}`);
        return;
      case "scan": return;
      case "project": case "filter": case "aggregate": case "distinct": case "sort": case "limit":
        return walk(p.input);
      case "join": case "except":
        walk(p.left);
        return walk(p.right);
      case "union":
        return p.inputs.forEach(walk);
    }
  };
  walk(plan);
  return out.join("\n");
}
