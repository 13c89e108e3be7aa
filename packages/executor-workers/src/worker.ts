// The piscina worker entry: runs one fragment and moves its IPC buffers back without copying.
import { Piscina, workerData } from "piscina";
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

/**
 * The handler, once the session's plugins are loaded: piscina awaits a promised handler before the
 * thread takes tasks. A plugin that fails to load is reported by the first task that needs it.
 */
export default loadPlugins(preload).then(() => run, () => run);
