// Session.builder(): configuration collected immutably, then getOrCreate().
import type { Executor, OperatorMetrics, ProgressEvent } from "../execution/executor.js";
import type { Plugin } from "../execution/source.js";

/** Everything a Session is built from. */
export interface SessionConfig {
  readonly appName: string;
  readonly timeZone: string;
  readonly executor: Executor | null;
  readonly plugins: readonly Plugin[];
  readonly conf: ReadonlyMap<string, string>;
  readonly batchSize: number;
  readonly onProgress: ((event: ProgressEvent) => void) | null;
  readonly onMetrics: ((metrics: readonly OperatorMetrics[]) => void) | null;
}

/** Spark's config key for the session zone. */
export const TIME_ZONE_KEY = "spark.sql.session.timeZone";
/** Comma-separated optimizer rule names to disable. */
export const DISABLED_RULES_KEY = "spark.lgde.optimizer.disabledRules";
/** Target rows per record batch. */
export const BATCH_SIZE_KEY = "spark.lgde.batchSize";

export const DEFAULT_BATCH_SIZE = 32768;

/** Throws unless `zone` is an IANA zone (or UTC offset) that Intl knows. */
export function checkTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw new RangeError(`unknown time zone "${zone}"; use an IANA name such as "Asia/Seoul" or "UTC"`);
  }
  return zone;
}

function checkBatchSize(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`batchSize must be a positive integer, got ${n}`);
  return n;
}

/**
 * Builds a Session. Every method returns a new builder.
 *
 * @example
 * ```ts
 * const spark = Session.builder().appName("lgde").timeZone("Asia/Seoul")
 *   .executor(local()).use(io()).getOrCreate();
 * ```
 */
export class SessionBuilder<S> {
  /** @internal */
  constructor(
    private readonly create: (config: SessionConfig) => S,
    private readonly cfg: SessionConfig = {
      appName: "lgde",
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      executor: null,
      plugins: [],
      conf: new Map(),
      batchSize: DEFAULT_BATCH_SIZE,
      onProgress: null,
      onMetrics: null,
    },
  ) {
    Object.freeze(this);
  }

  private with(changes: Partial<SessionConfig>): SessionBuilder<S> {
    return new SessionBuilder(this.create, { ...this.cfg, ...changes });
  }

  /** A name for logs and progress. */
  appName(name: string): SessionBuilder<S> {
    return this.with({ appName: name });
  }

  /** The session time zone for time functions and display (Spark's `spark.sql.session.timeZone`). */
  timeZone(zone: string): SessionBuilder<S> {
    return this.with({ timeZone: checkTimeZone(zone) });
  }

  /** The executor that runs plans: `local()` from @lgde/executor-local, `workers()` from @lgde/executor-workers. */
  executor(executor: Executor): SessionBuilder<S> {
    return this.with({ executor });
  }

  /** Installs a plugin's sources and sinks: `use(io())`. */
  use(plugin: Plugin): SessionBuilder<S> {
    return this.with({ plugins: [...this.cfg.plugins, plugin] });
  }

  /**
   * A configuration value. Recognized keys: `spark.sql.session.timeZone`, `spark.lgde.batchSize`,
   * `spark.lgde.optimizer.disabledRules` (comma-separated rule names). Others are kept for plugins.
   */
  config(key: string, value: string | number | boolean): SessionBuilder<S> {
    const text = String(value);
    const conf = new Map(this.cfg.conf).set(key, text);
    if (key === TIME_ZONE_KEY) return this.with({ conf, timeZone: checkTimeZone(text) });
    if (key === BATCH_SIZE_KEY) return this.with({ conf, batchSize: checkBatchSize(Number(text)) });
    return this.with({ conf });
  }

  /** Target rows per record batch (default 32768). */
  batchSize(n: number): SessionBuilder<S> {
    return this.with({ batchSize: checkBatchSize(n) });
  }

  /** A listener for progress of long work (scans, writes). */
  onProgress(listener: (event: ProgressEvent) => void): SessionBuilder<S> {
    return this.with({ onProgress: listener });
  }

  /**
   * A listener for each query's per-operator metrics (rows, batches, milliseconds), called when the
   * query ends; the workers executor sums each operator over its partitions.
   */
  onMetrics(listener: (metrics: readonly OperatorMetrics[]) => void): SessionBuilder<S> {
    return this.with({ onMetrics: listener });
  }

  /** Builds the session. (Unlike Spark, each call builds a new one; sessions are cheap.) */
  getOrCreate(): S {
    return this.create(this.cfg);
  }
}
