// Aggregate functions by name.
import type { AggregateFunctionName } from "@lgde/core";
import type { AggregateFunction, AggregateSpec, GroupAccumulator } from "./accumulator.js";
import { avg } from "./avg.js";
import { count } from "./count.js";
import { distinctAccumulator } from "./distinct.js";
import { first } from "./first.js";
import { max } from "./max.js";
import { min } from "./min.js";
import { sum } from "./sum.js";

export const AGGREGATE_FUNCTIONS: Readonly<Record<AggregateFunctionName, AggregateFunction>> = Object.freeze({ count, sum, avg, min, max, first });

/** An accumulator for `fn`, wrapped in a distinct set when `distinct`. */
export function createAccumulator(fn: AggregateFunctionName, spec: AggregateSpec, distinct: boolean): GroupAccumulator {
  const inner = AGGREGATE_FUNCTIONS[fn].create(spec);
  return distinct && spec.inputTypes.length > 0 ? distinctAccumulator(inner, spec.inputTypes, fn === "count") : inner;
}

export type { AccumulatorState, AggregateFunction, AggregateSpec, GroupAccumulator } from "./accumulator.js";
