// Opens an engine session for one job: time zone, executor and the io formats.
import { Session, type Executor, type ProgressEvent } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "@lgde/io";
import type { ExecutorName, JobReporter } from "./config.js";

/** Where `--executor spark` finds Spark Connect: `$LGDE_SPARK_URL`, else a local server. */
export const DEFAULT_SPARK_URL = "sc://127.0.0.1:15002";

/** How to load each non-default executor; loaded lazily so that a missing one is a clear error, not a crash at startup. */
const LAZY_EXECUTORS: Readonly<Record<Exclude<ExecutorName, "local">, { specifier: string; exportName: string; args: () => unknown[] }>> = {
  workers: { specifier: "@lgde/executor-workers", exportName: "workers", args: () => [] },
  spark: { specifier: "@lgde/executor-spark-connect", exportName: "sparkConnect", args: () => [process.env["LGDE_SPARK_URL"] ?? DEFAULT_SPARK_URL] },
};

/** The executor by name. */
export async function makeExecutor(name: ExecutorName): Promise<Executor> {
  if (name === "local") return local();
  const { specifier, exportName, args } = LAZY_EXECUTORS[name];
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`--executor ${name} is not available: cannot load ${specifier} (${(e as Error).message}); use --executor local`, { cause: e });
  }
  const factory = mod[exportName];
  if (typeof factory !== "function") {
    throw new Error(`--executor ${name} is not available: ${specifier} does not export ${exportName}(); use --executor local`);
  }
  return (factory as (...a: unknown[]) => Executor)(...args());
}

/** One line for an engine progress event: what, rows so far, partitions done. */
export function describeProgress(e: ProgressEvent): string {
  const parts = [e.task];
  if (e.rows !== undefined) parts.push(`${e.rows.toLocaleString("en-US")} rows`);
  if (e.partitionsDone !== undefined) parts.push(`${e.partitionsDone}${e.partitionsTotal !== undefined ? `/${e.partitionsTotal}` : ""} partitions`);
  return parts.join(", ");
}

/** Runs `fn` with a fresh session and always stops it (threads, pools, connections). Engine progress goes to `reporter`. */
export async function withSession<T>(
  timeZone: string, executor: ExecutorName, fn: (spark: Session) => Promise<T>, reporter?: JobReporter,
): Promise<T> {
  let builder = Session.builder().appName("lgde").timeZone(timeZone).executor(await makeExecutor(executor)).use(io());
  if (reporter !== undefined) builder = builder.onProgress((e) => reporter.progress(describeProgress(e)));
  const spark = builder.getOrCreate();
  try {
    return await fn(spark);
  } finally {
    await spark.stop();
  }
}
