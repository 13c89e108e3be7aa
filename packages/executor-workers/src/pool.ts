// The piscina pool: created on first use, closed by stop(); idle workers never keep the process alive.
import { Piscina } from "piscina";
import type { TaskMessage } from "./wire.js";

export class WorkerPool {
  #pool: Piscina<TaskMessage, unknown> | null = null;

  constructor(readonly threads: number) {}

  get(): Piscina<TaskMessage, unknown> {
    if (this.#pool === null) {
      this.#pool = new Piscina<TaskMessage, unknown>({
        // The compiled entry next to this file (dist/worker.js).
        filename: new URL("./worker.js", import.meta.url).href,
        minThreads: this.threads,
        maxThreads: this.threads,
        // piscina unrefs idle workers, so a script that forgets stop() still exits.
        idleTimeout: 30_000,
      });
    }
    return this.#pool;
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
