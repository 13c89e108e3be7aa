// Errors from workers, rebuilt on the coordinator as the same class with the same message.
import { AnalysisError, ExecutionError } from "@lgde/core";
import type { WireError } from "../wire.js";

const CLASSES: { readonly [name: string]: (message: string) => Error } = {
  ExecutionError: (m) => new ExecutionError(m),
  AnalysisError: (m) => new AnalysisError(m),
  TypeError: (m) => new TypeError(m),
  RangeError: (m) => new RangeError(m),
};

/** The worker's error as the caller would have seen it from the local executor. */
export function reviveError(e: WireError): Error {
  const make = CLASSES[e.name];
  const err = make ? make(e.message) : Object.assign(new Error(e.message), { name: e.name });
  if (e.stack !== undefined) err.stack = `${err.name}: ${e.message}\n    (in a worker thread)\n${e.stack.split("\n").slice(1).join("\n")}`;
  return err;
}

/** A failure of the thread itself (it exited or crashed), not of the fragment's code. */
export function workerFailure(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  return new ExecutionError(`a worker thread failed while running a query fragment: ${message}`, { cause: e });
}
