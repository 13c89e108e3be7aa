// The piscina pool: started with the session (or on first use), closed by stop(); idle workers never keep the process alive.
import type { EventEmitter } from "node:events";
import type { PluginModule } from "@lgde/core";
import { Piscina } from "piscina";
import type { TaskMessage } from "./wire.js";

/** What every worker thread receives when it starts (piscina's `workerData`). */
export interface WorkerStart {
  /** Plugin modules to load before the first task (their import is most of a thread's start-up). */
  readonly preload: readonly PluginModule[];
}

/**
 * Keeps piscina's pool errors from crashing the process. A task cancelled while its result was already
 * on the way (its query failed elsewhere, or was aborted) makes piscina emit "Unexpected message from
 * Worker" on the pool: the query has its error already, so that one is dropped. Any other is a warning;
 * an 'error' event without a listener would be thrown from an event handler, out of every query's reach.
 */
export function handlePoolErrors(pool: EventEmitter): void {
  pool.on("error", (e: unknown) => {
    if (e instanceof Error && e.message.startsWith("Unexpected message from Worker")) return;
    process.emitWarning(e instanceof Error ? e : String(e), { code: "LGDE_WORKER_POOL" });
  });
}

export class WorkerPool {
  #pool: Piscina<TaskMessage, unknown> | null = null;

  constructor(readonly threads: number) {}

  /** Starts the threads now, each loading `preload`, unless the pool is running. */
  start(preload: readonly PluginModule[]): void {
    if (this.#pool === null) this.#pool = this.#create({ preload });
  }

  get(): Piscina<TaskMessage, unknown> {
    if (this.#pool === null) this.#pool = this.#create({ preload: [] });
    return this.#pool;
  }

  #create(workerData: WorkerStart): Piscina<TaskMessage, unknown> {
    const pool = new Piscina<TaskMessage, unknown>({
      // The compiled entry next to this file (dist/worker.js).
      filename: new URL("./worker.js", import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      // piscina unrefs idle workers, so a script that forgets stop() still exits.
      idleTimeout: 30_000,
      workerData,
    });
    handlePoolErrors(pool);
    return pool;
  }

  get started(): boolean {
    return this.#pool !== null;
  }

  async close(): Promise<void> {
    const p = this.#pool;
    this.#pool = null;
    if (p !== null) await p.destroy();
  }
}
