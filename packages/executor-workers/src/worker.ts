// The piscina worker entry: runs one fragment and moves its IPC buffers back without copying.
import { Piscina } from "piscina";
import type { TaskMessage } from "./wire.js";
import { runTask } from "./worker/run-task.js";

export default async function run(task: TaskMessage): Promise<unknown> {
  const result = await runTask(task);
  if (!result.ok) return result;
  // Shared memory is not transferred: it is passed by reference.
  const transfer = [...new Set(result.buffers.flatMap((b) => (b === null || b.buffer instanceof SharedArrayBuffer ? [] : [b.buffer])))];
  return Piscina.move({ [Piscina.transferableSymbol]: transfer, [Piscina.valueSymbol]: result } as never);
}
