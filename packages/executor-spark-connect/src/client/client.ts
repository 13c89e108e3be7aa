// A small Spark Connect client over @grpc/grpc-js: Config, ExecutePlan, AnalyzePlan, Interrupt,
// ReleaseSession and FetchErrorDetails, with Spark's errors translated to SparkConnectError.
import { randomUUID } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { decode, encode } from "../proto.js";
import type { CommandMsg, RelationMsg } from "../lower/messages.js";
import { SparkConnectError } from "./errors.js";
import { parseSparkConnectUrl, type SparkConnectUrl } from "./url.js";
import type {
  AnalyzePlanResponseMsg, ConfigResponseMsg, ErrorInfoMsg, ExecutePlanResponseMsg, ExecutionProgressMsg, FetchErrorDetailsResponseMsg, RpcStatusMsg,
} from "./wire.js";

const SERVICE = "/spark.connect.SparkConnectService/";
const MESSAGE_LIMIT = 128 * 1024 * 1024;
const CLIENT_TYPE = "lgde-executor-spark-connect";
/** Bound on the calls made while tidying up (error details, release), so neither can hang. */
const HOUSEKEEPING_MS = 10_000;

/** Options of a client. */
export interface SparkConnectClientOptions {
  /** How long to wait for the server to accept a connection before failing (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Bearer token (overrides the URL's `token`). */
  readonly token?: string;
  /** The user the server-side session belongs to (default the URL's `user_id`, else "lgde"). */
  readonly userId?: string;
  /** Server-side session id (default a fresh UUID). */
  readonly sessionId?: string;
}

export type ExplainMode = "simple" | "extended" | "codegen" | "cost" | "formatted";

function isServiceError(e: unknown): e is grpc.ServiceError {
  return e instanceof Error && typeof (e as Partial<grpc.ServiceError>).code === "number" && "metadata" in e;
}

/** One server-side session on one Spark Connect server. */
export class SparkConnectClient {
  readonly url: string;
  readonly sessionId: string;
  private readonly target: SparkConnectUrl;
  private readonly grpcClient: grpc.Client;
  private readonly metadata: grpc.Metadata;
  private readonly userId: string;
  private readonly connectTimeoutMs: number;
  private ready: Promise<void> | null = null;

  constructor(url: string, options: SparkConnectClientOptions = {}) {
    this.url = url;
    this.target = parseSparkConnectUrl(url);
    this.sessionId = options.sessionId ?? randomUUID();
    this.userId = options.userId ?? this.target.userId ?? "lgde";
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const token = options.token ?? this.target.token;
    const creds = this.target.useSsl || token !== undefined ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
    this.grpcClient = new grpc.Client(`${this.target.host}:${this.target.port}`, creds, {
      "grpc.max_receive_message_length": MESSAGE_LIMIT,
      "grpc.max_send_message_length": MESSAGE_LIMIT,
      "grpc.primary_user_agent": CLIENT_TYPE,
    });
    this.metadata = new grpc.Metadata();
    if (token !== undefined) this.metadata.set("authorization", `Bearer ${token}`);
    for (const [k, v] of Object.entries(this.target.params)) this.metadata.set(k.toLowerCase(), v);
  }

  private base(): { sessionId: string; userContext: { userId: string; userName: string }; clientType: string } {
    return { sessionId: this.sessionId, userContext: { userId: this.userId, userName: this.userId }, clientType: CLIENT_TYPE };
  }

  /** Waits (bounded) until the channel connects; a server that is not there is an error naming the URL. */
  private connected(): Promise<void> {
    this.ready ??= new Promise<void>((resolve, reject) => {
      this.grpcClient.waitForReady(Date.now() + this.connectTimeoutMs, (err) => {
        if (err === undefined || err === null) return resolve();
        this.ready = null;
        reject(new SparkConnectError(
          `cannot reach the Spark Connect server at ${this.url} within ${this.connectTimeoutMs / 1000}s (${err.message}); ` +
          `start a local one with scripts/spark-server.sh start`,
          { grpcCode: grpc.status.UNAVAILABLE, cause: err },
        ));
      });
    });
    return this.ready;
  }

  private unaryRaw<T>(method: string, reqType: string, resType: string, body: object, deadlineMs?: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const options: grpc.CallOptions = deadlineMs === undefined ? {} : { deadline: Date.now() + deadlineMs };
      this.grpcClient.makeUnaryRequest<object, T>(
        SERVICE + method,
        (v) => Buffer.from(encode(reqType, v)),
        (b) => decode<T>(resType, b),
        body, this.metadata, options,
        (err, res) => (err !== null && err !== undefined ? reject(err) : resolve(res as T)),
      );
    });
  }

  private async unary<T>(method: string, reqType: string, resType: string, body: object): Promise<T> {
    await this.connected();
    try {
      return await this.unaryRaw<T>(method, reqType, resType, body);
    } catch (e) {
      throw await this.translate(e, method);
    }
  }

  /** Sets session configuration (e.g. spark.sql.session.timeZone). */
  async setConfig(pairs: Readonly<Record<string, string>>): Promise<void> {
    await this.unary<ConfigResponseMsg>("Config", "spark.connect.ConfigRequest", "spark.connect.ConfigResponse", {
      ...this.base(), operation: { set: { pairs: Object.entries(pairs).map(([key, value]) => ({ key, value })) } },
    });
  }

  /** Reads session configuration; an unset key maps to undefined. */
  async getConfig(keys: readonly string[]): Promise<Record<string, string | undefined>> {
    const res = await this.unary<ConfigResponseMsg>("Config", "spark.connect.ConfigRequest", "spark.connect.ConfigResponse", {
      ...this.base(), operation: { get: { keys: [...keys] } },
    });
    return Object.fromEntries((res.pairs ?? []).map((p) => [p.key, p.value]));
  }

  /** Spark's own explanation of a relation (AnalyzePlan.Explain). */
  async explain(relation: RelationMsg, mode: ExplainMode = "extended"): Promise<string> {
    const res = await this.unary<AnalyzePlanResponseMsg>("AnalyzePlan", "spark.connect.AnalyzePlanRequest", "spark.connect.AnalyzePlanResponse", {
      ...this.base(), explain: { plan: { root: relation }, explainMode: `EXPLAIN_MODE_${mode.toUpperCase()}` },
    });
    return res.explain?.explainString ?? "";
  }

  /** The server's Spark version. */
  async sparkVersion(): Promise<string> {
    const res = await this.unary<AnalyzePlanResponseMsg>("AnalyzePlan", "spark.connect.AnalyzePlanRequest", "spark.connect.AnalyzePlanResponse", {
      ...this.base(), sparkVersion: {},
    });
    return res.sparkVersion?.version ?? "";
  }

  /**
   * Runs a relation; yields each Arrow IPC stream the server sends. Aborting interrupts the operation
   * on the server. `onProgress` receives the server's progress reports (Spark 4), if it sends any.
   */
  execute(relation: RelationMsg, signal?: AbortSignal, onProgress?: (p: ExecutionProgressMsg) => void): AsyncGenerator<Uint8Array> {
    return this.executePlan({ root: relation }, signal, onProgress);
  }

  /** Runs a command (e.g. a write operation) to completion; Spark answers with no rows. */
  async executeCommand(command: CommandMsg, signal?: AbortSignal, onProgress?: (p: ExecutionProgressMsg) => void): Promise<void> {
    for await (const _ of this.executePlan({ command }, signal, onProgress)) {
      // a command's result batches (if any) carry nothing we use
    }
  }

  private async *executePlan(
    plan: { readonly root: RelationMsg } | { readonly command: CommandMsg },
    signal: AbortSignal | undefined,
    onProgress: ((p: ExecutionProgressMsg) => void) | undefined,
  ): AsyncGenerator<Uint8Array> {
    await this.connected();
    signal?.throwIfAborted();
    const operationId = randomUUID();
    const call = this.grpcClient.makeServerStreamRequest<object, ExecutePlanResponseMsg>(
      SERVICE + "ExecutePlan",
      (v) => Buffer.from(encode("spark.connect.ExecutePlanRequest", v)),
      (b) => decode<ExecutePlanResponseMsg>("spark.connect.ExecutePlanResponse", b),
      { ...this.base(), operationId, plan },
      this.metadata,
    );
    const onAbort = (): void => {
      call.cancel();
      void this.interrupt(operationId).catch(() => undefined);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    let finished = false;
    try {
      for await (const res of call as AsyncIterable<ExecutePlanResponseMsg>) {
        if (res.executionProgress !== undefined) onProgress?.(res.executionProgress);
        const data = res.arrowBatch?.data;
        if (data !== undefined && data.length > 0) yield data;
      }
      finished = true;
    } catch (e) {
      signal?.throwIfAborted();
      throw await this.translate(e, "ExecutePlan");
    } finally {
      signal?.removeEventListener("abort", onAbort);
      // A consumer that stopped early (limit, first()) leaves the stream open: close it.
      if (!finished) call.cancel();
    }
  }

  /** Interrupts one operation of this session. */
  async interrupt(operationId: string): Promise<void> {
    await this.unaryRaw("Interrupt", "spark.connect.InterruptRequest", "spark.connect.InterruptResponse", {
      ...this.base(), interruptType: "INTERRUPT_TYPE_OPERATION_ID", operationId,
    }, HOUSEKEEPING_MS);
  }

  /** Releases the server-side session (bounded; a server that is gone is not an error) and closes the channel. */
  async close(): Promise<void> {
    try {
      if (this.ready !== null) {
        await this.ready;
        await this.unaryRaw("ReleaseSession", "spark.connect.ReleaseSessionRequest", "spark.connect.ReleaseSessionResponse", this.base(), HOUSEKEEPING_MS);
      }
    } catch {
      // the session dies with the server anyway
    } finally {
      this.ready = null;
      this.grpcClient.close();
    }
  }

  /** A gRPC failure as a SparkConnectError with Spark's error class, SQL state and full message. */
  private async translate(e: unknown, method: string): Promise<Error> {
    if (!isServiceError(e)) return e instanceof Error ? e : new Error(String(e));
    if (e.code === grpc.status.UNAVAILABLE || e.code === grpc.status.DEADLINE_EXCEEDED) {
      return new SparkConnectError(`the Spark Connect server at ${this.url} did not answer ${method}: ${e.details}`, { grpcCode: e.code, cause: e });
    }
    const info = this.errorInfo(e);
    let message = e.details;
    let errorClass = info["errorClass"];
    let sqlState = info["sqlState"];
    let classes: string[] = parseJson<string[]>(info["classes"]) ?? [];
    let messageParameters = parseJson<Record<string, string>>(info["messageParameters"]) ?? {};
    const errorId = info["errorId"];
    if (errorId !== undefined) {
      // The status message may be truncated; the server keeps the whole error for FetchErrorDetails.
      try {
        const d = await this.unaryRaw<FetchErrorDetailsResponseMsg>(
          "FetchErrorDetails", "spark.connect.FetchErrorDetailsRequest", "spark.connect.FetchErrorDetailsResponse",
          { ...this.base(), errorId }, HOUSEKEEPING_MS,
        );
        const root = d.errors?.[d.rootErrorIdx ?? 0];
        if (root !== undefined) {
          if (root.message !== undefined && root.message !== "") message = root.message;
          errorClass = root.sparkThrowable?.errorClass ?? errorClass;
          sqlState = root.sparkThrowable?.sqlState ?? sqlState;
          messageParameters = { ...messageParameters, ...(root.sparkThrowable?.messageParameters ?? {}) };
          if (root.errorTypeHierarchy !== undefined && root.errorTypeHierarchy.length > 0) classes = [...root.errorTypeHierarchy];
        }
      } catch {
        // keep the status message
      }
    }
    const prefix = errorClass !== undefined && !message.startsWith(`[${errorClass}]`) ? `[${errorClass}] ` : "";
    return new SparkConnectError(`Spark (${this.url}): ${prefix}${message}`, {
      errorClass, sqlState, classes, messageParameters, grpcCode: e.code, cause: e,
    });
  }

  /** google.rpc.ErrorInfo's metadata from the `grpc-status-details-bin` trailer, if Spark sent one. */
  private errorInfo(e: grpc.ServiceError): Record<string, string> {
    const raw = e.metadata?.get("grpc-status-details-bin")[0];
    if (!(raw instanceof Uint8Array)) return {};
    try {
      const status = decode<RpcStatusMsg>("google.rpc.Status", raw);
      const detail = status.details?.find((d) => d.typeUrl?.endsWith("google.rpc.ErrorInfo") === true);
      if (detail?.value === undefined) return {};
      return { ...(decode<ErrorInfoMsg>("google.rpc.ErrorInfo", detail.value).metadata ?? {}) };
    } catch {
      return {};
    }
  }
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
