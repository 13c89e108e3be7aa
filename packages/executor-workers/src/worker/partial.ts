// Work a task does before hash-partitioning its output, when a first sample shows that it pays: a
// partial distinct, or a partial aggregation (DataFusion's skip_partial_aggregation probe). Either way
// the receiving side finishes the job, so skipping only moves work, never changes an answer.
import type * as arrow from "apache-arrow";
import {
  Aggregate, Distinct, E, Project, Scan, Values,
  type AggregateCall, type ExecutionContext, type Expr, type LogicalPlan, type Schema, type SourceProvider,
} from "@lgde/core";
import { local } from "@lgde/executor-local";
import type { PartialStep, SampledStep } from "../wire.js";

const executor = local();

/** A sample keeping more than this share of its rows as distinct rows is passed on as it is. */
export const PARTIAL_MAX_KEPT = 0.8;
/**
 * A sample with more groups than this share of its rows skips partial aggregation. Higher than for
 * a distinct because a sample undercounts how much a whole task reduces: 64K rows drawn from a
 * million ids are 95% distinct, yet a task of 5M such rows holds only 1M groups. 99% distinct means
 * a key space of some 50 times the sample (uniform keys), more than a task's rows usually are:
 * ids that are unique, like the customer table's.
 */
export const PARTIAL_AGGREGATE_SKIP = 0.99;

/** The output of `input` (rows of `s`) after `step`, decided on its first `step.sampleRows` rows. */
export function partialStep(input: AsyncIterable<arrow.RecordBatch>, s: Schema, step: SampledStep, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch> {
  return step.kind === "distinct" ? partialDistinct(input, s, step.columns, ctx, step.sampleRows) : partialAggregate(input, s, step, ctx, step.sampleRows);
}

interface Sampled {
  readonly sample: arrow.RecordBatch[];
  readonly rows: number;
  /** The sample is the whole input. */
  readonly done: boolean;
  /** The sample's batches, then the rest of the input (iterate either this or `rest`, once). */
  readonly all: AsyncIterable<arrow.RecordBatch>;
  /** The input after the sample. */
  readonly rest: AsyncIterable<arrow.RecordBatch>;
}

async function sampleOf(input: AsyncIterable<arrow.RecordBatch>, sampleRows: number): Promise<Sampled> {
  const it = input[Symbol.asyncIterator]();
  const sample: arrow.RecordBatch[] = [];
  let rows = 0, done = false;
  while (rows < sampleRows) {
    const r = await it.next();
    if (r.done === true) { done = true; break; }
    if (r.value.numRows === 0) continue;
    sample.push(r.value);
    rows += r.value.numRows;
  }
  async function* rest(): AsyncIterable<arrow.RecordBatch> {
    for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
  }
  async function* all(): AsyncIterable<arrow.RecordBatch> {
    yield* sample;
    yield* rest();
  }
  return { sample, rows, done, all: all(), rest: rest() };
}

async function countRows(batches: AsyncIterable<arrow.RecordBatch>): Promise<number> {
  let n = 0;
  for await (const b of batches) n += b.numRows;
  return n;
}

/**
 * A partial distinct that is skipped when it would not pay: one more hash pass over every row costs
 * more than exchanging the few duplicates.
 */
async function* partialDistinct(
  input: AsyncIterable<arrow.RecordBatch>, s: Schema, columns: readonly string[] | null, ctx: ExecutionContext, sampleRows: number,
): AsyncIterable<arrow.RecordBatch> {
  const { sample, rows, done, all, rest } = await sampleOf(input, sampleRows);
  if (sample.length === 0) return;
  const kept: arrow.RecordBatch[] = [];
  for await (const b of executor.execute(Distinct.create(Values.create(sample, s), columns), ctx)) kept.push(b);
  if (done) { yield* kept; return; }
  // Few duplicates: the sample goes out deduplicated, the rest as it is.
  if (kept.reduce((n, b) => n + b.numRows, 0) > PARTIAL_MAX_KEPT * rows) { yield* kept; yield* rest; return; }
  // Many duplicates: deduplicate the whole partition, as a one-phase partial distinct would.
  yield* overStream(all, s, ctx, (scan) => Distinct.create(scan, columns));
}

/**
 * A partial aggregation that is skipped when the sample has (nearly) as many groups as rows: then
 * each row becomes the partial state of itself (a projection), and the receiving side aggregates
 * once instead of twice (the user dimension's million ids in a million rows).
 */
async function* partialAggregate(
  input: AsyncIterable<arrow.RecordBatch>, s: Schema, step: Extract<PartialStep, { kind: "aggregate" }>, ctx: ExecutionContext, sampleRows: number,
): AsyncIterable<arrow.RecordBatch> {
  const { sample, rows, done, all } = await sampleOf(input, sampleRows);
  if (sample.length === 0) return;
  const groups = await countRows(executor.execute(Aggregate.create(Values.create(sample, s), step.groupBy, []), ctx));
  const skip = !done && groups > PARTIAL_AGGREGATE_SKIP * rows;
  yield* overStream(all, s, ctx, (scan) => (skip ? stateOfEachRow(scan, step) : Aggregate.create(scan, step.groupBy, step.aggregates)));
}

/** The partial aggregate's columns computed for each row alone: group keys, and each call's state of one row. */
export function stateOfEachRow(input: LogicalPlan, step: Extract<PartialStep, { kind: "aggregate" }>): LogicalPlan {
  const types = Aggregate.create(input, step.groupBy, step.aggregates).schema.fields.slice(step.groupBy.length);
  return Project.create(input, [
    ...step.groupBy,
    ...step.aggregates.map((a, i) => {
      if (a.kind !== "alias" || a.input.kind !== "aggregate") throw new Error(`internal: a partial aggregate must be one aliased call, got ${a.kind}`);
      return E.alias(E.cast(stateOfOneRow(a.input), types[i]!.type), a.name);
    }),
  ]);
}

/** What one call's partial state is over a single row. */
function stateOfOneRow(c: AggregateCall): Expr {
  if (c.distinct) throw new Error(`internal: a DISTINCT ${c.fn} has no partial state`);
  switch (c.fn) {
    case "count": {
      // count(a, b) counts rows where every argument is non-null; count() counts every row.
      const anyNull = c.args.map((x) => E.isNull(x)).reduce<Expr | null>((acc, x) => (acc === null ? x : E.binary("or", acc, x)), null);
      return anyNull === null ? E.literal(1, "int64") : E.caseWhen([{ when: anyNull, then: E.literal(0, "int64") }], E.literal(1, "int64"));
    }
    // A null value stays null: the final sum, min, max and first(ignoreNulls) skip it as the partial would have.
    case "sum": case "min": case "max": case "first": return c.args[0]!;
    case "avg": throw new Error("internal: avg is split into sum and count before the exchange");
  }
}

const STREAM_FORMAT = "__lgde_partial_stream";

/** Runs `plan(scan)` where the scan streams `batches` once (nothing is held but what the operators keep). */
function overStream(
  batches: AsyncIterable<arrow.RecordBatch>, s: Schema, ctx: ExecutionContext, plan: (scan: LogicalPlan) => LogicalPlan,
): AsyncIterable<arrow.RecordBatch> {
  let read = false;
  const stream: SourceProvider = {
    format: STREAM_FORMAT,
    resolve: () => Promise.reject(new Error("internal: the partial step's stream cannot be resolved")),
    partitions: () => Promise.resolve([{ id: STREAM_FORMAT, descriptor: 0, estimatedRows: 0 }]),
    read: async function* (_ref, _partition, pushdown) {
      if (read) throw new Error("internal: the partial step's stream was read twice");
      read = true;
      for await (const b of batches) yield pushdown.projection === null ? b : b.select(pushdown.projection as string[]);
    },
  };
  const sources = { source: (format: string) => (format === STREAM_FORMAT ? stream : ctx.sources.source(format)), sink: (format: string) => ctx.sources.sink(format) };
  const scan = Scan.create({ format: STREAM_FORMAT, options: {}, schema: s, description: "partial step input" });
  return executor.execute(plan(scan), { ...ctx, sources });
}
