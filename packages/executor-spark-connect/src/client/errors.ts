// Errors from the Spark Connect server, carrying Spark's error class and message.
import { ExecutionError } from "@lgde/core";

/** What Spark told us about an error (from the gRPC status details and FetchErrorDetails). */
export interface SparkErrorInfo {
  /** Spark's error class, e.g. `UNRESOLVED_COLUMN.WITH_SUGGESTION`, when it has one. */
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  /** The exception class and its parents, e.g. `org.apache.spark.sql.AnalysisException`. */
  readonly classes: readonly string[];
  readonly messageParameters: Readonly<Record<string, string>>;
}

/** An error raised by Spark (analysis or execution), or a failure to talk to the server. */
export class SparkConnectError extends ExecutionError {
  override readonly name = "ExecutionError";
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly classes: readonly string[];
  readonly messageParameters: Readonly<Record<string, string>>;
  /** The gRPC status code (14 is UNAVAILABLE). */
  readonly grpcCode: number | undefined;

  constructor(message: string, info: Partial<SparkErrorInfo> & { grpcCode?: number; cause?: unknown }) {
    super(message, { cause: info.cause });
    this.errorClass = info.errorClass;
    this.sqlState = info.sqlState;
    this.classes = info.classes ?? [];
    this.messageParameters = info.messageParameters ?? {};
    this.grpcCode = info.grpcCode;
  }
}
