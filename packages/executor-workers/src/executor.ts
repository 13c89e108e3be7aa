// workers(): the partitioned executor. Same plans and answers as local(), across piscina worker threads.
import { availableParallelism } from "node:os";
import { toArrowSchema, type ExecutionContext, type Executor, type LogicalPlan } from "@lgde/core";
import { local } from "@lgde/executor-local";
import type * as arrow from "apache-arrow";
import { explainDistributed } from "./plan/explain.js";
import { planQuery, type PlannerOptions } from "./plan/planner.js";
import { WorkerPool } from "./pool.js";
import { QueryRun } from "./run/query.js";
import { pluginModules } from "./wire.js";

/** Options of `workers()`. */
export interface WorkersOptions {
  /** Worker threads in the pool (default: `os.availableParallelism()`). */
  readonly threads?: number;
  /** Buckets of each hash exchange (default: the number of threads). */
  readonly partitions?: number;
  /** A join side estimated at no more rows than this is broadcast to every task (default 10 000). */
  readonly broadcastRows?: number;
  /**
   * Rows each task looks at before deciding whether a partial distinct or aggregation before an
   * exchange pays (default 65 536): a partial distinct runs when a fifth of them are duplicates,
   * a partial aggregation unless 99% are groups of their own.
   */
  readonly partialSampleRows?: number;
  /**
   * Exchange a distinct on all its columns even when its readers group or join by fewer of them
   * (default false, like Spark's `spark.sql.requireAllClusterKeysForDistribution`). By default it is
   * exchanged on the readers' keys alone, which saves the readers a second exchange; set this when
   * those keys have few values and the distinct's rows pile up in few buckets.
   */
  readonly requireAllDistinctKeys?: boolean;
}

/** Rows a task samples before deciding on a partial step (see `WorkersOptions.partialSampleRows`). */
const PARTIAL_SAMPLE_ROWS = 65_536;

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`workers(): ${name} must be a positive integer, got ${v}`);
  return v;
}

/**
 * The executor that runs plans partitioned across worker threads.
 *
 * ```ts
 * const spark = Session.builder().use(io()).executor(workers({ threads: 4 })).getOrCreate();
 * ```
 * Scans are split into their source partitions and read by the workers themselves; pipelines of
 * filters, projections and partial aggregations run in the workers; data is exchanged by hash
 * before final aggregations, joins, distinct and subtract, as Arrow IPC buffers that are
 * transferred, not copied. The pool starts with the session (its threads loading the session's
 * plugins) or on the first query, and ends with `stop()`; idle workers do not keep the process alive.
 */
export function workers(options: WorkersOptions = {}): Executor {
  const threads = positiveInt("threads", options.threads ?? availableParallelism());
  const buckets = positiveInt("partitions", options.partitions ?? threads);
  const planner: PlannerOptions = { broadcastRows: options.broadcastRows ?? 10_000, requireAllDistinctKeys: options.requireAllDistinctKeys ?? false };
  const pool = new WorkerPool(threads);
  const coordinator = local();
  const partialSampleRows = positiveInt("partialSampleRows", options.partialSampleRows ?? PARTIAL_SAMPLE_ROWS);
  const env = { pool, threads, buckets, coordinator, partialSampleRows };

  return Object.freeze({
    name: "workers",
    async *execute(plan: LogicalPlan, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch> {
      const run = new QueryRun(env, ctx);
      let finished = false;
      try {
        yield* run.stream(planQuery(plan, planner), toArrowSchema(plan.schema));
        finished = true;
      } finally {
        // On an error or an early return, cancel what is still queued or running.
        if (!finished) run.abort();
        run.close();
        ctx.onMetrics?.(run.metrics);
      }
    },
    start(ctx: ExecutionContext): void {
      try {
        pool.start(pluginModules(ctx.plugins));
      } catch {
        // Left to the first query, which creates the pool again and reports what fails.
      }
    },
    explain(plan: LogicalPlan, _ctx: ExecutionContext): string {
      return explainDistributed(planQuery(plan, planner), `WorkersExecutor [threads=${threads}, exchange buckets=${buckets}]`);
    },
    async stop(): Promise<void> {
      await pool.close();
      await coordinator.stop();
    },
  });
}
