// Every scalar function by Spark's name; a new name in core fails to compile until it is here.
import type { ScalarFunctionName } from "@lgde/core";
import type { Kernel } from "./kernel.js";
import { abs, round } from "./math.js";
import { concat, length, lower, substring, trim, upper } from "./strings.js";
import { date_format, dayofmonth, from_unixtime, hour, month, to_date, to_timestamp, unix_timestamp, year } from "./time.js";
import { choose } from "../choose.js";

function coalesce({ args, length: n, type }: Parameters<Kernel>[0]) {
  const choice = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < args.length; k++) {
      const v = args[k]!;
      if (v.type !== "null" && (v.valid === null || v.valid[i] === 1)) { choice[i] = k; break; }
    }
  }
  return choose(type, args, choice, n);
}

/** Scalar function kernels by name. */
export const SCALAR_FUNCTIONS: Readonly<Record<ScalarFunctionName, Kernel>> = Object.freeze({
  coalesce, concat, lower, upper, trim, length, substring, abs, round,
  from_unixtime, unix_timestamp, to_timestamp, to_date, date_format, year, month, dayofmonth, hour,
});

export type { Kernel, CallArgs } from "./kernel.js";
