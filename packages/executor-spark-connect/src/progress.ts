// Spark 4's ExecutionProgress reports as the session's progress events, one per stage.
// The server sends them on a timer (spark.connect.progress.reportInterval, 2 s by default), so a
// query that ends sooner reports nothing; lower it through `sparkConnect(url, { conf })` for finer grain.
import type { ExecutionContext } from "@lgde/core";
import type { ExecutionProgressMsg } from "./client/wire.js";

/** A listener turning each stage of a progress report into `{ task: "spark stage N", ... }`, or undefined without a listener. */
export function progressReporter(ctx: ExecutionContext): ((p: ExecutionProgressMsg) => void) | undefined {
  const onProgress = ctx.onProgress;
  if (onProgress === undefined) return undefined;
  return (p) => {
    for (const s of p.stages ?? []) {
      onProgress({
        task: `spark stage ${s.stageId ?? "0"}`,
        partitionsDone: Number(s.numCompletedTasks ?? "0"),
        partitionsTotal: Number(s.numTasks ?? "0"),
        bytes: Number(s.inputBytesRead ?? "0"),
        ...(s.done === true ? { done: true } : {}),
      });
    }
  };
}
