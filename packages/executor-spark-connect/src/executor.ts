// sparkConnect(url): an Executor that runs our plans on Apache Spark through Spark Connect.
import type * as arrow from "apache-arrow";
import {
  toArrowSchema, type ExecutionContext, type Executor, type ExplainMode as FrameExplainMode, type LogicalPlan,
  type WriteRequest, type WriteResult,
} from "@lgde/core";
import { SparkConnectClient, type ExplainMode, type SparkConnectClientOptions } from "./client/client.js";
import { lowerPlan } from "./lower/relation.js";
import { lowerWrite } from "./lower/write.js";
import { progressReporter } from "./progress.js";
import { relationText } from "./lower/text.js";
import { decodeArrowStream } from "./results.js";

/** Options of `sparkConnect()`. */
export interface SparkConnectOptions extends SparkConnectClientOptions {
  /**
   * Session configuration sent before the first query. By default ANSI mode is off, because our
   * typing rules are Spark's non-ANSI ones (Spark 4 turns ANSI on by default). Progress reports
   * come every `spark.connect.progress.reportInterval` (server default 2 s); set it here for finer grain.
   */
  readonly conf?: Readonly<Record<string, string>>;
}

const DEFAULT_CONF: Readonly<Record<string, string>> = Object.freeze({ "spark.sql.ansi.enabled": "false" });

/** An Executor backed by a Spark Connect server, with Spark's own explain and version. */
export interface SparkConnectExecutor extends Executor {
  readonly url: string;
  /** The server-side session id. */
  readonly sessionId: string;
  /** Spark's own plans for our plan (AnalyzePlan), in Spark's explain `mode`. */
  sparkExplain(plan: LogicalPlan, ctx: ExecutionContext, mode?: ExplainMode): Promise<string>;
  /** The server's Spark version. */
  sparkVersion(): Promise<string>;
}

/** Spark's explain mode for a frame's: `"extended"` adds Spark's per-operator details (`formatted`). */
const SPARK_MODE: Readonly<Record<FrameExplainMode, ExplainMode>> = { simple: "simple", extended: "formatted" };

class SparkConnect implements SparkConnectExecutor {
  readonly name = "spark-connect";
  /** Catalyst optimizes: Spark gets the plan as the user built it, not one rewritten by our optimizer. */
  readonly wantsUnoptimizedPlan = true;
  private readonly client: SparkConnectClient;
  private readonly conf: Readonly<Record<string, string>>;
  /** The session configuration last sent, so a query sends only what changed (e.g. the time zone). */
  private readonly sent = new Map<string, string>();

  constructor(readonly url: string, options: SparkConnectOptions) {
    this.client = new SparkConnectClient(url, options);
    this.conf = { ...DEFAULT_CONF, ...options.conf };
  }

  get sessionId(): string {
    return this.client.sessionId;
  }

  /** Sends the session zone (spark.sql.session.timeZone) and the configured options when they changed. */
  private async configure(ctx: ExecutionContext): Promise<void> {
    const wanted: Record<string, string> = { ...this.conf, "spark.sql.session.timeZone": ctx.timeZone };
    const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => this.sent.get(k) !== v));
    if (Object.keys(changed).length === 0) return;
    await this.client.setConfig(changed);
    for (const [k, v] of Object.entries(changed)) this.sent.set(k, v);
  }

  async *execute(plan: LogicalPlan, ctx: ExecutionContext): AsyncGenerator<arrow.RecordBatch> {
    const relation = lowerPlan(plan);
    const schema = toArrowSchema(plan.schema);
    await this.configure(ctx);
    let rows = 0;
    for await (const ipc of this.client.execute(relation, ctx.signal, progressReporter(ctx))) {
      for (const batch of decodeArrowStream(ipc, schema)) {
        rows += batch.numRows;
        ctx.onProgress?.({ task: `spark-connect ${this.url}`, rows });
        yield batch;
      }
    }
    ctx.onProgress?.({ task: `spark-connect ${this.url}`, rows, done: true });
  }

  /**
   * Spark writes the files itself (WriteOperation), so `target` is a path on the cluster's file
   * system. Spark's write command answers with no figures, so `rows` and `files` are -1 (unknown)
   * and `partitions` is empty; read the target back to count it.
   */
  async write(plan: LogicalPlan, request: WriteRequest, ctx: ExecutionContext): Promise<WriteResult> {
    const command = lowerWrite(plan, request);
    await this.configure(ctx);
    await this.client.executeCommand(command, ctx.signal, progressReporter(ctx));
    ctx.onProgress?.({ task: `spark write ${request.format} ${request.target}`, done: true });
    return { rows: -1, files: -1, partitions: [] };
  }

  /**
   * The relation sent to Spark, as protobuf text: what `explain` can show without a network call.
   * `df.explain()` uses `explainAsync`, i.e. Spark's own physical plan.
   */
  explain(plan: LogicalPlan, _ctx: ExecutionContext): string {
    return `SparkConnect ${this.url} (relation sent)\n${relationText(lowerPlan(plan))}`;
  }

  /** Spark's physical plan (AnalyzePlan), under a line naming the server; `"extended"` adds operator details. */
  async explainAsync(plan: LogicalPlan, ctx: ExecutionContext, mode: FrameExplainMode): Promise<string> {
    const text = await this.sparkExplain(plan, ctx, SPARK_MODE[mode]);
    // The frame prints its own "== Physical Plan ==" header above this text.
    return `SparkConnect ${this.url}\n${text.replace(/^== Physical Plan ==\n/, "").trimEnd()}`;
  }

  async sparkExplain(plan: LogicalPlan, ctx: ExecutionContext, mode: ExplainMode = "extended"): Promise<string> {
    const relation = lowerPlan(plan);
    await this.configure(ctx);
    return this.client.explain(relation, mode);
  }

  sparkVersion(): Promise<string> {
    return this.client.sparkVersion();
  }

  stop(): Promise<void> {
    return this.client.close();
  }
}

/**
 * Runs plans on Apache Spark through a Spark Connect server, e.g. `sparkConnect("sc://127.0.0.1:15002")`
 * or `sparkConnect("sc://host:443/;token=...")` for a hosted cluster. Paths of file sources must
 * be readable by the Spark cluster. Connects lazily; an unreachable server fails the first query
 * within `connectTimeoutMs`, naming the URL.
 */
export function sparkConnect(url: string, options: SparkConnectOptions = {}): SparkConnectExecutor {
  return new SparkConnect(url, options);
}
