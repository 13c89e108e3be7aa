// Errors the engine raises, named after Spark's so PySpark users recognise them.

/** A plan that cannot be built: an unknown or ambiguous column, a type mismatch, a bad argument. */
export class AnalysisError extends Error {
  override readonly name = "AnalysisError";
}

/** A failure while running a plan: bad data, a missing file, an operator or source error. */
export class ExecutionError extends Error {
  override readonly name = "ExecutionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
