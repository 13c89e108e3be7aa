// io raises core's ExecutionError, always naming the file (and line) at fault, never a bare dependency trace.
export { ExecutionError as IoError } from "@lgde/core";

/** The message of anything thrown, for wrapping dependency errors into ones that name our file. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
