// The piscina worker entry: runs one fragment and moves its IPC buffers back without copying.
import { workerData } from "node:worker_threads";
import { Piscina } from "piscina";
import type { WorkerStart } from "./pool.js";
import type { TaskMessage } from "./wire.js";
import { loadPlugins } from "./worker/registry.js";
import { runTask } from "./worker/run-task.js";

async function run(task: TaskMessage): Promise<unknown> {
  const result = await runTask(task);
  if (!result.ok) return result;
  // Shared memory is not transferred: it is passed by reference.
  const transfer = [...new Set(result.buffers.flatMap((b) => (b === null || b.buffer instanceof SharedArrayBuffer ? [] : [b.buffer])))];
  return Piscina.move({ [Piscina.transferableSymbol]: transfer, [Piscina.valueSymbol]: result } as never);
}

const preload = (workerData as WorkerStart | undefined)?.preload ?? [];

/** How long a thread waits for its plugins before taking tasks anyway. */
const PRELOAD_WAIT_MS = 10_000;

/**
 * The handler, once the session's plugins are loaded: piscina awaits a promised handler before the
 * thread takes tasks. A plugin that fails to load is reported by the first task that needs it; one
 * that never finishes loading holds up only the tasks that need it.
 */
export default Promise.race([
  loadPlugins(preload),
  new Promise((resolve) => setTimeout(resolve, PRELOAD_WAIT_MS).unref()),
]).then(() => run, () => run);
