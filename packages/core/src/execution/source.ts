// Source and sink contracts that I/O plugins implement; core itself does no I/O.
import type * as arrow from "apache-arrow";
import type { Expr } from "../expr/expr.js";
import type { SourceRef } from "../plan/plan.js";
import type { Schema } from "../types/data-type.js";
import type { JsonValue } from "./json.js";
import type { ExecutionContext } from "./executor.js";

/** What the optimizer pushed into a scan. Filters are hints: the executor re-applies them. */
export interface ScanPushdown {
  readonly projection: readonly string[] | null;
  readonly filters: readonly Expr[];
}

/** One independently readable piece of a source (a file, a row-group range, a key range), JSON-safe. */
export interface SourcePartition {
  readonly id: string;
  readonly descriptor: JsonValue;
  /** Estimated bytes or rows, for scheduling and broadcast decisions; 0 when unknown. */
  readonly estimatedRows: number;
}

/** Reads one format. Registered by a plugin; looked up by `SourceRef.format`. */
export interface SourceProvider {
  readonly format: string;
  /** Resolves user options (path, url, schema or inference) to a SourceRef with a known schema. */
  resolve(options: { readonly [key: string]: JsonValue }): Promise<SourceRef>;
  /** Splits the source into partitions, honouring the pushdown (e.g. skipping files or row groups). */
  partitions(ref: SourceRef, pushdown: ScanPushdown): Promise<readonly SourcePartition[]>;
  /**
   * Streams one partition's rows with exactly the projected columns (all when projection is null),
   * in the order of `ref.schema`, typed as `ref.schema` says.
   */
  read(ref: SourceRef, partition: SourcePartition, pushdown: ScanPushdown, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch>;
}

export type SaveMode = "overwrite" | "append" | "errorIfExists" | "ignore" | "upsert";

/** A write request built by `df.write`. */
export interface WriteRequest {
  readonly format: string;
  readonly mode: SaveMode;
  /** Path (files) or table (databases); format-specific. */
  readonly target: string;
  readonly partitionBy: readonly string[];
  readonly options: { readonly [key: string]: JsonValue };
  readonly schema: Schema;
}

/** What a write did. */
export interface WriteResult {
  readonly rows: number;
  readonly files: number;
  /** Partition directories (or keys) written, e.g. `dt=20201025`. */
  readonly partitions: readonly string[];
  readonly skipped?: boolean;
}

/** Writes one format. */
export interface SinkProvider {
  readonly format: string;
  write(batches: AsyncIterable<arrow.RecordBatch>, request: WriteRequest, ctx: ExecutionContext): Promise<WriteResult>;
}

/** Source and sink providers by format. */
export interface SourceRegistry {
  source(format: string): SourceProvider;
  sink(format: string): SinkProvider;
}

/**
 * How another thread or process can rebuild a plugin: `(await import(specifier))[exportName](...args)`.
 * The workers executor uses it so that each worker reads its own partitions.
 */
export interface PluginModule {
  readonly specifier: string;
  readonly exportName: string;
  readonly args?: readonly JsonValue[];
}

/** A plugin adds formats to a session: `Session.builder().use(io())`. */
export interface Plugin {
  readonly name: string;
  /** Set when the plugin can be rebuilt in a worker thread. */
  readonly module?: PluginModule;
  readonly sources?: readonly SourceProvider[];
  readonly sinks?: readonly SinkProvider[];
}
