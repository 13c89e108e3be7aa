// DataFrameWriter: df.write.mode(...).partitionBy(...).option(...).parquet(path) and friends.
import type { JsonValue } from "../execution/json.js";
import type { SaveMode, WriteResult } from "../execution/source.js";
import { AnalysisError } from "../errors.js";
import { resolveColumn } from "../expr/resolve.js";
import type { LogicalPlan } from "../plan/plan.js";
import type { SessionState } from "../session/state.js";
import { executePlan, planForExecutor } from "./execute.js";

/** Save modes with Spark's spellings (`"error"`, `"errorifexists"`) and `"upsert"` (MySQL, by the `key` option). */
export type SaveModeName = SaveMode | "error" | "errorifexists" | "default";

const MODES: Readonly<Record<string, SaveMode>> = {
  overwrite: "overwrite", append: "append", ignore: "ignore", upsert: "upsert",
  error: "errorIfExists", errorifexists: "errorIfExists", default: "errorIfExists",
};

interface WriterSettings {
  readonly format: string;
  readonly mode: SaveMode;
  readonly partitionBy: readonly string[];
  readonly options: { readonly [key: string]: JsonValue };
}

/**
 * Writes a frame through the session's executor when it writes itself (`Executor.write`), else the session's sinks. Configure with `mode`, `partitionBy`, `option(s)`,
 * `format`, then call `save(target)` or a format shortcut. Each call returns a new writer.
 *
 * @example
 * ```ts
 * await df.write.mode("overwrite").partitionBy("dt").parquet("/tmp/target/dim_users");
 * await kpi.write.mode("upsert").option("key", "dt").mysql("mysql://root@127.0.0.1/lgde", "lgde");
 * ```
 */
export class DataFrameWriter {
  /** @internal */
  constructor(
    private readonly state: SessionState,
    private readonly plan: LogicalPlan,
    private readonly settings: WriterSettings = { format: "parquet", mode: "errorIfExists", partitionBy: [], options: {} },
  ) {
    Object.freeze(this);
  }

  private with(changes: Partial<WriterSettings>): DataFrameWriter {
    return new DataFrameWriter(this.state, this.plan, { ...this.settings, ...changes });
  }

  /** What to do when the target exists: `"errorIfExists"` (default), `"overwrite"`, `"append"`, `"ignore"`, `"upsert"`. */
  mode(mode: SaveModeName): DataFrameWriter {
    const m = MODES[mode.toLowerCase()];
    if (m === undefined) {
      throw new AnalysisError(`unknown save mode "${mode}"; expected one of overwrite, append, ignore, errorIfExists (error), upsert`);
    }
    return this.with({ mode: m });
  }

  /** Lays files out in `col=value` directories. */
  partitionBy(...cols: string[]): DataFrameWriter {
    for (const c of cols) resolveColumn(this.plan.schema, c);
    return this.with({ partitionBy: [...cols] });
  }

  /** A format-specific option (e.g. `compression`, `header`, `key` for upserts). */
  option(key: string, value: JsonValue): DataFrameWriter {
    return this.with({ options: { ...this.settings.options, [key]: value } });
  }

  /** Several options at once. */
  options(options: { readonly [key: string]: JsonValue }): DataFrameWriter {
    return this.with({ options: { ...this.settings.options, ...options } });
  }

  /** The sink format (default `parquet`). */
  format(format: string): DataFrameWriter {
    return this.with({ format });
  }

  /** Runs the plan and writes it to `target` (a path, or a table for databases). */
  async save(target?: string): Promise<WriteResult> {
    const path = target ?? this.settings.options["path"];
    if (typeof path !== "string" || path === "") {
      throw new AnalysisError(`write.save(): no target; pass a path (or table) or set option "path"`);
    }
    const request = Object.freeze({
      format: this.settings.format,
      mode: this.settings.mode,
      target: path,
      partitionBy: Object.freeze([...this.settings.partitionBy]),
      options: Object.freeze({ ...this.settings.options }),
      schema: this.plan.schema,
    });
    // An executor that writes itself (Spark) gets the plan; otherwise our sink takes the batches.
    const executor = this.state.executor();
    if (executor.write !== undefined) {
      return executor.write(planForExecutor(this.state, executor, this.plan), request, this.state.context);
    }
    const sink = this.state.context.sources.sink(this.settings.format);
    return sink.write(executePlan(this.state, this.plan), request, this.state.context);
  }

  /** Writes Parquet files under `path`. */
  parquet(path: string): Promise<WriteResult> {
    return this.format("parquet").save(path);
  }

  /** Writes JSON lines under `path`. */
  json(path: string): Promise<WriteResult> {
    return this.format("json").save(path);
  }

  /** Writes CSV under `path` (`option("header", true)` for a header line). */
  csv(path: string): Promise<WriteResult> {
    return this.format("csv").save(path);
  }

  /** Writes to a MySQL/MariaDB table; `url` is `mysql://user:password@host:port/database`. */
  mysql(url: string, table: string): Promise<WriteResult> {
    return this.format("mysql").option("url", url).save(table);
  }
}
