// The partial/merge contract of aggregate functions, in columnar form: `update` folds a batch
// into per-group state, `state` exports it as columns, `mergeState` folds exported state from
// another accumulator (a worker's partial aggregation), `finish` produces one value per group.
import type { AggregateFunctionName, DataType } from "@lgde/core";
import { prefaulted } from "../kernels/prefault.js";
import type { Vec } from "../kernels/vector.js";

/** A partial aggregation's state: rows of `columns`, each belonging to group `groups[i]`. */
export interface AccumulatorState {
  readonly groups: Int32Array;
  readonly columns: readonly Vec[];
}

/** Per-group aggregation state. Mutable; owned by one stream. Group ids are dense, 0..numGroups-1. */
export interface GroupAccumulator {
  /** Folds rows 0..n-1 of `args` into groups `gids[0..n-1]` (every id < numGroups). */
  update(args: readonly Vec[], gids: Int32Array, n: number, numGroups: number): void;
  /** The state of groups 0..numGroups-1, for shipping to a coordinator. */
  state(numGroups: number): AccumulatorState;
  /** Folds another accumulator's exported state; `groups` are already this accumulator's ids. */
  mergeState(columns: readonly Vec[], groups: Int32Array, numGroups: number): void;
  /** One result per group, of the aggregate's result type. */
  finish(numGroups: number): Vec;
}

/** What an accumulator is created for. */
export interface AggregateSpec {
  readonly inputTypes: readonly DataType[];
  readonly resultType: DataType;
  readonly ignoreNulls: boolean;
}

/** An aggregate function: a name and a factory of accumulators. */
export interface AggregateFunction {
  readonly name: AggregateFunctionName;
  create(spec: AggregateSpec): GroupAccumulator;
}

/** Grows a typed array to hold at least n elements (doubling). */
export function ensure<T extends Float64Array | Int32Array | BigInt64Array | Uint8Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  let cap = Math.max(16, a.length * 2);
  while (cap < n) cap *= 2;
  // Group states are updated in place (read, then written): the new part is written through first.
  const b = prefaulted(new (a.constructor as new (n: number) => T)(cap), a.length);
  b.set(a as never);
  return b;
}

/** The rows where every argument is valid (null when all are). */
export function argsValid(args: readonly Vec[], n: number): Uint8Array | null {
  let valid: Uint8Array | null = null;
  for (const a of args) {
    const v = a.type === "null" ? new Uint8Array(n) : a.valid;
    if (v === null) continue;
    if (valid === null) valid = v;
    else { const out = new Uint8Array(n); for (let i = 0; i < n; i++) out[i] = valid[i]! & v[i]!; valid = out; }
  }
  return valid;
}

/** Group ids 0..n-1, for exporting state. */
export function identityGroups(n: number): Int32Array {
  const g = new Int32Array(n);
  for (let i = 0; i < n; i++) g[i] = i;
  return g;
}
