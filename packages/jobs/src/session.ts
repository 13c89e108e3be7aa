// Opens an engine session for one job: time zone, executor and the io formats.
import { Session, type Executor, type ProgressEvent } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "@lgde/io";
import type { ExecutorName, JobReporter } from "./config.js";

/** The executor by name; `workers` is loaded lazily so that a missing package is a clear error, not a crash at startup. */
export async function makeExecutor(name: ExecutorName): Promise<Executor> {
  if (name === "local") return local();
  // A variable specifier keeps the compiler from requiring the package to be built.
  const specifier: string = "@lgde/executor-workers";
  let mod: { workers?: unknown };
  try {
    mod = (await import(specifier)) as { workers?: unknown };
  } catch (e) {
    throw new Error(`--executor workers is not available: cannot load ${specifier} (${(e as Error).message}); use --executor local`, { cause: e });
  }
  if (typeof mod.workers !== "function") {
    throw new Error(`--executor workers is not available: ${specifier} does not export workers(); use --executor local`);
  }
  return (mod.workers as () => Executor)();
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
