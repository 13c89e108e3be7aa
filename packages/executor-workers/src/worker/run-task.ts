// Runs one fragment inside a worker with the local executor, then collects or hash-partitions its output.
import * as arrow from "apache-arrow";
import {
  Distinct, E, Project, Values, toArrowSchema, type ExecutionContext, type Expr, type LogicalPlan, type OperatorMetrics, type Schema,
} from "@lgde/core";
import { local } from "@lgde/executor-local";
import { bucketsOf, groupByBucket } from "../kernels/hash.js";
import { encodeBatches, restamp, toShared } from "../kernels/ipc.js";
import { takeBatch } from "../kernels/take.js";
import type { TaskMessage, TaskResult } from "../wire.js";
import { loadPlugins, workerRegistry } from "./registry.js";

const executor = local();

/** The arrow schema of a fragment's output, every field nullable so that parts of one stage agree. */
export function wireSchema(s: Schema): arrow.Schema {
  return new arrow.Schema(toArrowSchema(s).fields.map((f) => new arrow.Field(f.name, f.type, true)));
}

const HASH_COLUMN = "__lgde_hash_";

/** The plan extended with the hash keys as trailing columns, and their indices (plain columns are used in place). */
function withHashKeys(plan: LogicalPlan, keys: readonly Expr[]): { plan: LogicalPlan; keyColumns: number[] } {
  const names = plan.schema.fields.map((f) => f.name);
  const direct = keys.map((k) => {
    const inner = k.kind === "cast" ? k.input : k;
    if (inner.kind !== "column") return -1;
    const i = names.indexOf(inner.name);
    return i >= 0 && (k.kind !== "cast" || plan.schema.fields[i]!.type === k.to) ? i : -1;
  });
  if (direct.every((i) => i >= 0)) return { plan, keyColumns: direct };
  const extended = Project.create(plan, [
    ...names.map((n) => E.column(n)),
    ...keys.map((k, i) => E.alias(k, `${HASH_COLUMN}${i}`)),
  ]);
  return { plan: extended, keyColumns: keys.map((_, i) => names.length + i) };
}

/** Rows looked at before deciding whether a partial distinct pays. */
const DEDUPE_SAMPLE_ROWS = 65_536;
/** A sample keeping more than this share of its rows is not deduplicated (the receiver does it). */
const DEDUPE_MAX_KEPT = 0.8;

/**
 * A partial distinct that is skipped when it would not pay: one more hash pass over every row costs
 * more than exchanging the few duplicates. Decided on a first sample; keeps each key's first row.
 */
async function* partialDistinct(
  input: AsyncIterable<arrow.RecordBatch>, s: Schema, columns: readonly string[] | null, ctx: ExecutionContext,
): AsyncIterable<arrow.RecordBatch> {
  const dedupe = (batches: arrow.RecordBatch[]) => executor.execute(Distinct.create(Values.create(batches, s), columns), ctx);
  const it = input[Symbol.asyncIterator]();
  const sample: arrow.RecordBatch[] = [];
  let seen = 0;
  let done = false;
  while (seen < DEDUPE_SAMPLE_ROWS) {
    const r = await it.next();
    if (r.done === true) { done = true; break; }
    if (r.value.numRows === 0) continue;
    sample.push(r.value);
    seen += r.value.numRows;
  }
  if (sample.length === 0) return;
  const kept: arrow.RecordBatch[] = [];
  for await (const b of dedupe(sample)) kept.push(b);
  if (done) { yield* kept; return; }
  const rest = { [Symbol.asyncIterator]: () => it };
  if (kept.reduce((n, b) => n + b.numRows, 0) > DEDUPE_MAX_KEPT * seen) {
    yield* kept;
    yield* rest;
    return;
  }
  // Many duplicates: deduplicate the whole partition, as a one-phase partial distinct would.
  const all = kept;
  for await (const b of rest) if (b.numRows > 0) all.push(b);
  yield* dedupe(all);
}

/** Runs a task; never throws (errors are returned so that the worker stays healthy). */
export async function runTask(task: TaskMessage): Promise<TaskResult> {
  try {
    const plugins = await loadPlugins(task.plugins);
    const metrics: OperatorMetrics[] = [];
    const ctx = {
      timeZone: task.timeZone,
      batchSize: task.batchSize,
      sources: workerRegistry(plugins, task.leaves, task.plan),
      ...(task.metrics ? { onMetrics: (m: readonly OperatorMetrics[]) => { metrics.push(...m); } } : {}),
    };
    const outSchema = wireSchema(task.plan.schema);
    const output = task.output;
    let rows = 0;
    if (output.kind === "collect" || output.buckets === 1) {
      const batches: arrow.RecordBatch[] = [];
      for await (const b of executor.execute(task.plan, ctx)) {
        if (b.numRows === 0) continue;
        rows += b.numRows;
        batches.push(restamp(b, outSchema));
      }
      const bytes = batches.length === 0 ? null : encodeBatches(outSchema, batches);
      // Copied into shared memory here, in parallel, rather than on the coordinator's thread.
      return { ok: true, buffers: [bytes !== null && output.kind === "collect" && output.shared === true ? toShared(bytes) : bytes], rows, metrics };
    }
    const { plan, keyColumns } = withHashKeys(task.plan, output.keys);
    const perBucket: arrow.RecordBatch[][] = Array.from({ length: output.buckets }, () => []);
    const produced = executor.execute(plan, ctx);
    const source = output.dedupe === undefined ? produced : partialDistinct(produced, plan.schema, output.dedupe.columns, ctx);
    for await (const b of source) {
      if (b.numRows === 0) continue;
      rows += b.numRows;
      const { bucketOfRow, counts } = bucketsOf(b, keyColumns, output.buckets);
      groupByBucket(bucketOfRow, counts).forEach((idx, bucket) => {
        if (idx.length > 0) perBucket[bucket]!.push(takeBatch(b, idx, outSchema));
      });
    }
    const buffers = perBucket.map((bs) => (bs.length === 0 ? null : encodeBatches(outSchema, bs)));
    return { ok: true, buffers, rows, metrics };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: err.name, message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) } };
  }
}
