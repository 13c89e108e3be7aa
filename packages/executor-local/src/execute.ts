// Runs a physical plan: dispatches each operator by kind, counts rows/batches/time per operator,
// and converts the root's chunks to Arrow record batches with exactly the plan's schema.
import * as arrow from "apache-arrow";
import { toArrowSchema, type ExecutionContext, type OperatorMetrics } from "@lgde/core";
import { evalContext } from "./eval/context.js";
import { describePhysical } from "./explain.js";
import { chunkToBatch } from "./kernels/arrow.js";
import type { Chunk } from "./kernels/vector.js";
import { executeDistinct } from "./operators/distinct.js";
import { executeExcept } from "./operators/except.js";
import { executeFilter } from "./operators/filter.js";
import { executeHashAggregate } from "./operators/hash-aggregate.js";
import { executeHashJoin } from "./operators/hash-join.js";
import { executeLimit } from "./operators/limit.js";
import { executeProject } from "./operators/project.js";
import { executeScan } from "./operators/scan.js";
import { executeShared } from "./operators/shared.js";
import { executeSort } from "./operators/sort.js";
import { executeUnion } from "./operators/union.js";
import { executeValues } from "./operators/values.js";
import type { PhysicalKind, PhysicalPlan } from "./physical-plan.js";
import type { RuntimeContext } from "./runtime.js";

type Operator<K extends PhysicalKind> = (node: Extract<PhysicalPlan, { kind: K }>, rt: RuntimeContext) => AsyncIterable<Chunk>;

/** Every operator's stream by kind. */
export const OPERATORS: { readonly [K in PhysicalKind]: Operator<K> } = {
  scan: executeScan,
  values: executeValues,
  project: executeProject,
  filter: executeFilter,
  "hash-aggregate": executeHashAggregate,
  "hash-join": executeHashJoin,
  distinct: executeDistinct,
  union: executeUnion,
  except: executeExcept,
  sort: executeSort,
  limit: executeLimit,
  shared: executeShared,
};

/** Options of a run. */
export interface ExecuteOptions {
  /** Count rows, batches and time per operator and report them to `ctx.onMetrics` (default true when a listener is set). */
  readonly metrics?: boolean;
}

interface MetricSlot { operator: string; rows: number; batches: number; millis: number }

/** Streams a physical plan's result as chunks (the executor's internal columns). */
export async function* executeChunks(plan: PhysicalPlan, ctx: ExecutionContext, options: ExecuteOptions = {}): AsyncGenerator<Chunk> {
  const collect = options.metrics ?? ctx.onMetrics !== undefined;
  const metrics: MetricSlot[] = [];
  const rt: RuntimeContext = {
    exec: ctx,
    eval: evalContext(ctx.timeZone),
    batchSize: Math.max(1, ctx.batchSize || 32768),
    shared: new Map(),
    run(p) {
      const stream = (OPERATORS[p.kind] as Operator<PhysicalKind>)(p as never, rt);
      if (!collect) return stream;
      const slot: MetricSlot = { operator: describePhysical(p), rows: 0, batches: 0, millis: 0 };
      metrics.push(slot);
      return measured(stream, slot);
    },
  };
  try {
    yield* rt.run(plan);
  } finally {
    if (collect) ctx.onMetrics?.(metrics.map((m) => Object.freeze({ ...m })) as readonly OperatorMetrics[]);
  }
}

/** Wraps a stream, timing each pull (inclusive of its inputs) and counting what it yields. */
async function* measured(stream: AsyncIterable<Chunk>, slot: MetricSlot): AsyncGenerator<Chunk> {
  const it = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const t0 = performance.now();
      const r = await it.next();
      slot.millis += performance.now() - t0;
      if (r.done) return;
      slot.rows += r.value.length;
      slot.batches++;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

/** Streams a physical plan's result as record batches whose schema is `toArrowSchema(plan.schema)`. */
export async function* executePhysical(plan: PhysicalPlan, ctx: ExecutionContext, options: ExecuteOptions = {}): AsyncGenerator<arrow.RecordBatch> {
  const schema = toArrowSchema(plan.schema);
  for await (const c of executeChunks(plan, ctx, options)) yield chunkToBatch(c, schema);
}
