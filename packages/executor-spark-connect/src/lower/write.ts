// df.write on Spark: our write request as Spark Connect's WriteOperation command (Spark writes the files).
import type { JsonValue, LogicalPlan, SaveMode, WriteRequest } from "@lgde/core";
import { SparkLoweringError } from "./errors.js";
import type { CommandMsg, SaveModeMsg } from "./messages.js";
import { lowerPlan } from "./relation.js";

/** File formats Spark writes under the same names as ours. */
const FILE_FORMATS: ReadonlySet<string> = new Set(["parquet", "json", "csv"]);

/** Our save modes by Spark's; `upsert` (a MySQL feature) has none. */
const SAVE_MODES: Readonly<Record<SaveMode, SaveModeMsg | null>> = {
  append: "SAVE_MODE_APPEND",
  overwrite: "SAVE_MODE_OVERWRITE",
  errorIfExists: "SAVE_MODE_ERROR_IF_EXISTS",
  ignore: "SAVE_MODE_IGNORE",
  upsert: null,
};

/** A writer option as Spark's string (Spark's options are strings; `true` → "true"). */
function optionText(key: string, value: JsonValue, target: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new SparkLoweringError(`write to ${target}`, `option "${key}" is ${JSON.stringify(value)}; Spark's writer options are strings, numbers or booleans`);
}

/**
 * The WriteOperation command for `df.write...save(target)` of `plan`. Formats other than
 * parquet/json/csv (e.g. mysql) and the `upsert` mode are SparkLoweringErrors naming them.
 */
export function lowerWrite(plan: LogicalPlan, request: WriteRequest): CommandMsg {
  const format = request.format.toLowerCase();
  if (!FILE_FORMATS.has(format)) {
    throw new SparkLoweringError(`write format "${request.format}" to ${request.target}`, `only parquet, json and csv are written by Spark through this executor`);
  }
  const mode = SAVE_MODES[request.mode];
  if (mode === null) {
    throw new SparkLoweringError(`write mode "${request.mode}" to ${request.target}`, `Spark's file writers support append, overwrite, errorIfExists and ignore`);
  }
  const options = Object.fromEntries(Object.entries(request.options)
    .filter(([k]) => k !== "path")
    .map(([k, v]) => [k, optionText(k, v, request.target)]));
  return {
    writeOperation: {
      input: lowerPlan(plan),
      source: format,
      path: request.target,
      mode,
      partitioningColumns: [...request.partitionBy],
      options,
    },
  };
}
