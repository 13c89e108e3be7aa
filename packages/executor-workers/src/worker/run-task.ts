// Runs one fragment inside a worker with the local executor, then collects or hash-partitions its output.
import * as arrow from "apache-arrow";
import { Aggregate, E, Project, exprName, toArrowSchema, type Expr, type LogicalPlan, type OperatorMetrics, type Schema } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { bucketsOf, groupByBucket } from "../kernels/hash.js";
import { encodeBatches, restamp } from "../kernels/ipc.js";
import { takeBatch } from "../kernels/take.js";
import { keyColumn } from "../plan/partitioning.js";
import type { TaskMessage, TaskResult } from "../wire.js";
import { partialStep } from "./partial.js";
import { loadPlugins, workerRegistry } from "./registry.js";

const executor = local();

/** The arrow schema of a fragment's output, every field nullable so that parts of one stage agree. */
export function wireSchema(s: Schema): arrow.Schema {
  return new arrow.Schema(toArrowSchema(s).fields.map((f) => new arrow.Field(f.name, f.type, true)));
}

const HASH_COLUMN = "__lgde_hash_";

/** Each key's column in `s` when it hashes as one (see `keyColumn`), else -1. */
function keyIndices(s: Schema, keys: readonly Expr[]): number[] {
  return keys.map((k) => {
    const name = keyColumn(k, s);
    return name === null ? -1 : s.fields.findIndex((f) => f.name === name);
  });
}

/** The partial aggregate's group columns that `keys` name (they are never computed). */
function groupColumns(s: Schema, keys: readonly Expr[]): number[] {
  const found = keyIndices(s, keys);
  if (found.some((i) => i < 0)) throw new Error(`internal: exchange keys ${keys.map(exprName).join(", ")} are not columns of the partial aggregate`);
  return found;
}

/** The plan extended with the hash keys as trailing columns, and their indices (plain columns are used in place). */
function withHashKeys(plan: LogicalPlan, keys: readonly Expr[]): { plan: LogicalPlan; keyColumns: number[] } {
  const names = plan.schema.fields.map((f) => f.name);
  const direct = keyIndices(plan.schema, keys);
  if (direct.every((i) => i >= 0)) return { plan, keyColumns: direct };
  const extended = Project.create(plan, [
    ...names.map((n) => E.column(n)),
    ...keys.map((k, i) => E.alias(k, `${HASH_COLUMN}${i}`)),
  ]);
  return { plan: extended, keyColumns: keys.map((_, i) => names.length + i) };
}

/** Runs a task; never throws (errors are returned so that the worker stays healthy). */
export async function runTask(task: TaskMessage): Promise<TaskResult> {
  if (Atomics.load(task.cancelled, 0) === 1) return { ok: false, error: { name: "AbortError", message: "the query was cancelled before this task started" } };
  try {
    const plugins = await loadPlugins(task.plugins);
    const metrics: OperatorMetrics[] = [];
    const ctx = {
      timeZone: task.timeZone,
      batchSize: task.batchSize,
      sources: workerRegistry(plugins, task.leaves, task.plan),
      ...(task.metrics ? { onMetrics: (m: readonly OperatorMetrics[]) => { metrics.push(...m); } } : {}),
    };
    const output = task.output;
    // The partial aggregation before an exchange changes the columns; everything else keeps the fragment's.
    const step = output.kind === "hash" ? output.partial : undefined;
    const produces = step?.kind === "aggregate" ? Aggregate.create(task.plan, step.groupBy, step.aggregates).schema : task.plan.schema;
    const outSchema = wireSchema(produces);
    let rows = 0;
    if (output.kind === "collect" || output.buckets === 1) {
      const batches: arrow.RecordBatch[] = [];
      // One bucket: no hashing and no partial distinct, but a partial aggregation still gives the
      // columns the next stage reads.
      const produced = executor.execute(task.plan, ctx);
      for await (const b of step?.kind === "aggregate" ? partialStep(produced, task.plan.schema, step, ctx) : produced) {
        if (b.numRows === 0) continue;
        rows += b.numRows;
        batches.push(restamp(b, outSchema));
      }
      // Written into shared memory here, in parallel, rather than copied there on the coordinator's thread.
      const bytes = batches.length === 0 ? null : encodeBatches(outSchema, batches, output.kind === "collect" && output.shared === true);
      return { ok: true, buffers: [bytes], rows, metrics };
    }
    // Hash keys over the partial aggregate's output are its group columns; others may need computing.
    const { plan, keyColumns } = step?.kind === "aggregate" ? { plan: task.plan, keyColumns: groupColumns(produces, output.keys) } : withHashKeys(task.plan, output.keys);
    const perBucket: arrow.RecordBatch[][] = Array.from({ length: output.buckets }, () => []);
    const produced = executor.execute(plan, ctx);
    const source = step === undefined ? produced : partialStep(produced, plan.schema, step, ctx);
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
