// Progress on a terminal: one status line on stderr, redrawn in place; nothing when stderr is not a TTY.
import type { JobReporter } from "../config.js";

export function terminalReporter(stream: NodeJS.WriteStream = process.stderr, out: NodeJS.WriteStream = process.stdout): JobReporter & { clear(): void } {
  const tty = stream.isTTY === true;
  let shown = false;
  const clear = (): void => {
    if (shown) stream.write("\r\x1b[K");
    shown = false;
  };
  return {
    progress(message: string): void {
      if (!tty) return;
      const width = (stream.columns ?? 80) - 1;
      stream.write(`\r\x1b[K${message.length > width ? message.slice(0, width - 1) + "…" : message}`);
      shown = true;
    },
    info(message: string): void {
      clear();
      out.write(message + "\n");
    },
    clear,
  };
}
