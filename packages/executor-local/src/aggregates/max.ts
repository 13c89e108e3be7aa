// max(x): the largest non-null value (NaN above all numbers); null for a group without one.
import type { AggregateFunction } from "./accumulator.js";
import { extreme } from "./extreme.js";

export const max: AggregateFunction = { name: "max", create: extreme(-1) };
