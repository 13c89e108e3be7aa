// What every engine adapter provides to the suites: named cases that compute a small answer.
import type { ShopFiles } from "../gen/generate.js";

/** A case's answer: a few named figures, as canonical strings, compared across engines before any timing is shown. */
export type Answer = Readonly<Record<string, string>>;

/** One timed case. `run` is what is timed; `verify` (untimed, after the runs) gives the answer when `run` has none (writes). */
export interface Case {
  readonly name: string;
  run(): Promise<Answer | void>;
  verify?(): Promise<Answer>;
}

/** The cases of one suite for one engine, with the resources they hold. */
export interface EngineSuite {
  readonly cases: readonly Case[];
  close(): Promise<void>;
}

export type SuiteName = "pipeline" | "operators" | "io";
export const SUITES: readonly SuiteName[] = ["pipeline", "operators", "io"];

/** An engine adapter; a suite it does not take part in is absent. */
export interface Engine {
  readonly name: string;
  readonly description: string;
  readonly pipeline?: (files: ShopFiles) => Promise<EngineSuite>;
  readonly operators?: (files: ShopFiles) => Promise<EngineSuite>;
  readonly io?: (files: ShopFiles, scratch: string) => Promise<EngineSuite>;
}

/** Canonical text of a figure: integers exactly (bigint or integral number), other numbers to 6 places, null as "null". */
export function fig(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(0) : v.toFixed(6);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** An answer from a row of figures. */
export function answer(row: Readonly<Record<string, unknown>>): Answer {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) out[k] = fig(v);
  return out;
}

/** The keys of the pipeline's answer (the figures of LGDE_SPEC §3 the pipeline computes, and checks of today's dimension). */
export const PIPELINE_KEYS = ["access_rows", "dau", "pu", "dr", "dnu", "dfpu", "ar", "users", "acount", "pcount", "named", "first", "first_max"] as const;

/** The operator cases, in the order of the tables and charts. */
export const OPERATORS = [
  "filter", "project", "group-by int", "group-by string", "count-distinct", "inner join", "left join", "distinct", "sort+limit",
] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** The I/O cases. */
export const IO_CASES = ["read parquet", "read jsonl", "write parquet", "write jsonl"] as const;
export type IoCaseName = (typeof IO_CASES)[number];
