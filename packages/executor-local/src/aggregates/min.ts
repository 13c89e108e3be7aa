// min(x): the smallest non-null value; null for a group without one.
import type { AggregateFunction } from "./accumulator.js";
import { extreme } from "./extreme.js";

export const min: AggregateFunction = { name: "min", create: extreme(1) };
