// The piscina pool: started with the session (or on first use), closed by stop(); idle workers never keep the process alive.
import type { PluginModule } from "@lgde/core";
import { Piscina } from "piscina";
import type { TaskMessage } from "./wire.js";

/** What every worker thread receives when it starts (piscina's `workerData`). */
export interface WorkerStart {
  /** Plugin modules to load before the first task (their import is most of a thread's start-up). */
  readonly preload: readonly PluginModule[];
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
    return new Piscina<TaskMessage, unknown>({
      // The compiled entry next to this file (dist/worker.js).
      filename: new URL("./worker.js", import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      // piscina unrefs idle workers, so a script that forgets stop() still exits.
      idleTimeout: 30_000,
      workerData,
    });
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
