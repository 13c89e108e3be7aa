// What a child process reports for one engine and one suite.
import type { Answer } from "../engines/engine.js";

export interface CaseResult {
  readonly name: string;
  /** Milliseconds of each timed run (the warm-up excluded). */
  readonly times: readonly number[];
  readonly answer: Answer | null;
  /** Why the case could not run; then `times` is empty. */
  readonly error: string | null;
}

export interface EngineSuiteResult {
  readonly engine: string;
  readonly description: string;
  readonly suite: string;
  /** Why the engine could not run the suite at all (set-up failed, not taking part). */
  readonly error: string | null;
  readonly cases: readonly CaseResult[];
  /** Peak resident set of the child process, bytes. */
  readonly peakRss: number;
  readonly setupMs: number;
}
