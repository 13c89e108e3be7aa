// @lgde/executor-spark-connect: run the same DataFrame programs on Apache Spark through Spark Connect.
export { sparkConnect, type SparkConnectExecutor, type SparkConnectOptions } from "./executor.js";
export { SparkConnectClient, type SparkConnectClientOptions, type ExplainMode } from "./client/client.js";
export { SparkConnectError, type SparkErrorInfo } from "./client/errors.js";
export { parseSparkConnectUrl, DEFAULT_PORT, type SparkConnectUrl } from "./client/url.js";
export { lowerPlan } from "./lower/relation.js";
export { lowerWrite } from "./lower/write.js";
export { lowerExpr } from "./lower/expr.js";
export { relationText, exprText } from "./lower/text.js";
export { SparkLoweringError } from "./lower/errors.js";
export type { RelationMsg, ExprMsg, CommandMsg, SaveModeMsg } from "./lower/messages.js";
