// The executor contract: takes an (optimized, unless it asks otherwise) logical plan and owns everything below it.
import type * as arrow from "apache-arrow";
import type { ExplainMode } from "../dataframe/dataframe.js";
import type { LogicalPlan } from "../plan/plan.js";
import type { Plugin, SourceRegistry, WriteRequest, WriteResult } from "./source.js";

/** Progress of long work, reported to the session's listener (the CLI draws it on a terminal). */
export interface ProgressEvent {
  /** What is progressing, e.g. `scan parquet /tmp/x` or `write parquet /tmp/y`. */
  readonly task: string;
  readonly rows?: number;
  readonly bytes?: number;
  readonly partitionsDone?: number;
  readonly partitionsTotal?: number;
  readonly done?: boolean;
}

/** Per-operator figures an executor may report after a query. */
export interface OperatorMetrics {
  readonly operator: string;
  readonly rows: number;
  readonly batches: number;
  readonly millis: number;
}

/** Everything an executor needs besides the plan. */
export interface ExecutionContext {
  /** IANA zone for time functions, like Spark's `spark.sql.session.timeZone`. */
  readonly timeZone: string;
  /** Source providers by format (installed by plugins such as `io()`). */
  readonly sources: SourceRegistry;
  /** The plugins installed in the session, so executors in other threads can rebuild them (`Plugin.module`). */
  readonly plugins?: readonly Plugin[];
  /** Target rows per record batch. */
  readonly batchSize: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Receives per-operator metrics when the query ends, if the executor collects them. */
  readonly onMetrics?: (metrics: readonly OperatorMetrics[]) => void;
}

/**
 * Runs optimized logical plans. `local()` runs in this thread, `workers()` across worker threads;
 * others may lower the plan to an external engine. Nothing in core assumes operators run in this process.
 */
export interface Executor {
  readonly name: string;
  /** Streams the plan's result as record batches whose schema matches `toArrowSchema(plan.schema)`. */
  execute(plan: LogicalPlan, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch>;
  /** The physical plan as indented text, for `explain()`. */
  explain(plan: LogicalPlan, ctx: ExecutionContext): string;
  /**
   * The physical plan as text, for executors that must ask another process for it (Spark's
   * AnalyzePlan). When present, `df.explain()` uses it instead of `explain`; `mode` is the frame's
   * explain mode, so an engine may show more detail for `"extended"`.
   */
  explainAsync?(plan: LogicalPlan, ctx: ExecutionContext, mode: ExplainMode): Promise<string>;
  /**
   * True when the executor wants the plan as the user built it rather than optimized by ours,
   * because its own optimizer (Spark's Catalyst) does that work. Execute and explain honour it.
   */
  readonly wantsUnoptimizedPlan?: boolean;
  /**
   * Writes the plan's result itself (e.g. Spark's own write operation, whose paths are on the
   * cluster's file system) instead of streaming batches to the session's sink. When present,
   * `df.write` uses it; the plan is optimized unless `wantsUnoptimizedPlan`. Requests it cannot
   * honour (a format or mode it lacks) are an error naming them, never a silent fallback.
   */
  write?(plan: LogicalPlan, request: WriteRequest, ctx: ExecutionContext): Promise<WriteResult>;
  /**
   * Called when a session is created with this executor, with the session's context, so that the
   * executor may start threads or connections before the first query (the workers executor starts
   * its pool, each thread loading the session's plugins). It must not throw: a failure is left for
   * the first query to report. It may be called again by another session sharing the executor.
   */
  start?(ctx: ExecutionContext): void;
  /** Releases threads, pools and connections. */
  stop(): Promise<void>;
}
