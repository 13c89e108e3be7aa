// Session: the entry point (Spark's SparkSession): builds frames and runs them through its executor.
import type * as arrow from "apache-arrow";
import type { DataFrame } from "../dataframe/dataframe.js";
import { frame } from "../dataframe/impl.js";
import type { ExecutionContext, Executor } from "../execution/executor.js";
import type { DdlRow } from "../format/ddl.js";
import type { InputRow } from "../format/to-arrow.js";
import type { Schema } from "../types/data-type.js";
import type { Simplify } from "../column/types.js";
import { DISABLED_RULES_KEY, SessionBuilder, type SessionConfig } from "./builder.js";
import { valuesFromArrow, valuesFromRows } from "./create-data-frame.js";
import { DataFrameReader } from "./reader.js";
import { Registry } from "./registry.js";
import type { SessionState } from "./state.js";

/** The row type inferred from JavaScript objects: bigints read back as numbers, undefined as null. */
export type InferredRow<R> = Simplify<{
  [K in keyof R & string]: (Exclude<R[K], undefined> extends bigint ? number : Exclude<R[K], undefined>)
    | (undefined extends R[K] ? null : never)
}>;

const NO_EXECUTOR =
  "this session has no executor; build it with Session.builder().executor(local()) " +
  '(import { local } from "@lgde/executor-local"), or workers() from "@lgde/executor-workers"';

/**
 * The entry point, like Spark's `SparkSession`: reads sources, creates frames from rows, and
 * runs plans on its executor with its time zone and plugins.
 *
 * @example
 * ```ts
 * const spark = Session.builder().timeZone("Asia/Seoul").executor(local()).use(io()).getOrCreate();
 * const df = spark.createDataFrame([{ k: 1, g: "a" }], "k int, g string");
 * await df.show();
 * await spark.stop();
 * ```
 */
export class Session {
  /** Starts configuring a session. */
  static builder(): SessionBuilder<Session> {
    return new SessionBuilder((config) => new Session(config));
  }

  /** The application name. */
  readonly appName: string;
  /** The session time zone (IANA), like `spark.sql.session.timeZone`. */
  readonly timeZone: string;
  /** Configuration values set with `config(key, value)`. */
  readonly conf: ReadonlyMap<string, string>;
  /** Source and sink providers installed by plugins. */
  readonly registry: Registry;
  /** The context every execution receives. */
  readonly context: ExecutionContext;
  private readonly state: SessionState;
  private readonly exec: Executor | null;

  private constructor(config: SessionConfig) {
    this.appName = config.appName;
    this.timeZone = config.timeZone;
    this.conf = new Map(config.conf);
    this.registry = new Registry(config.plugins);
    this.exec = config.executor;
    this.context = Object.freeze({
      timeZone: config.timeZone,
      sources: this.registry,
      // Executors in other threads rebuild the plugins from `Plugin.module` to read their own partitions.
      plugins: config.plugins,
      batchSize: config.batchSize,
      ...(config.onProgress ? { onProgress: config.onProgress } : {}),
      ...(config.onMetrics ? { onMetrics: config.onMetrics } : {}),
    });
    const exec = this.exec;
    // Threads and connections start now, while the program prepares its first query.
    exec?.start?.(this.context);
    const disabled = (config.conf.get(DISABLED_RULES_KEY) ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
    this.state = Object.freeze({
      timeZone: config.timeZone,
      context: this.context,
      disabledRules: Object.freeze(disabled),
      executor(): Executor {
        if (exec === null) throw new Error(NO_EXECUTOR);
        return exec;
      },
    });
    Object.freeze(this);
  }

  /** The executor; an error explains how to configure one if there is none. */
  get executor(): Executor {
    return this.state.executor();
  }

  /** Reads sources: `await spark.read.parquet(path)`, `spark.read.format("csv").option(...).load(path)`. */
  get read(): DataFrameReader {
    return new DataFrameReader(this.state);
  }

  /** A frame over an Arrow table (its batches, converted where a type differs from the engine's). */
  createDataFrame(table: arrow.Table): DataFrame<Record<string, unknown>>;
  /**
   * Rows with a DDL schema, typed from it: `createDataFrame(rows, "k int, g string")` is a
   * `DataFrame<{ k: number | null; g: string | null }>`. Values are checked against the schema.
   */
  createDataFrame<const S extends string>(rows: readonly InputRow[], schema: S): DataFrame<DdlRow<S>>;
  /** Rows (objects or arrays) with column names; types are inferred. */
  createDataFrame<const C extends readonly string[]>(rows: readonly InputRow[], columns: C): DataFrame<{ [K in C[number]]: unknown }>;
  /** Rows with an explicit Schema. */
  createDataFrame(rows: readonly InputRow[], schema: Schema): DataFrame<Record<string, unknown>>;
  /** Rows with an inferred schema: integers are bigint (Spark's long), other numbers double, Dates timestamps. */
  createDataFrame<R extends object>(rows: readonly R[]): DataFrame<InferredRow<R>>;
  createDataFrame(data: readonly InputRow[] | arrow.Table, schema?: string | readonly string[] | Schema): unknown {
    const plan = Array.isArray(data)
      ? valuesFromRows(data as readonly InputRow[], schema, this.context.batchSize)
      : valuesFromArrow(data as arrow.Table);
    return frame(this.state, plan);
  }

  /** Releases the executor's threads and connections. */
  async stop(): Promise<void> {
    if (this.exec !== null) await this.exec.stop();
  }
}
