// count(*), count(x) (skips nulls) and count(a, b) (rows where all are non-null).
// Counts live in an Int32Array (half the memory traffic of doubles on random group ids) until the
// rows counted (merged state included) could pass 2^31 - 1; then in a Float64Array (exact to 2^53).
import { int64FromSafeIntegers } from "../kernels/int64.js";
import type { Vec } from "../kernels/vector.js";
import { argsValid, ensure, identityGroups, type AggregateFunction, type GroupAccumulator } from "./accumulator.js";

const INT32_MAX = 2147483647;

export const count: AggregateFunction = {
  name: "count",
  create(): GroupAccumulator {
    let narrow: Int32Array | null = new Int32Array(16);
    let wide = new Float64Array(0);
    let counted = 0;
    /** The counts as doubles (switching to them for good). */
    const widen = (numGroups: number): Float64Array => {
      if (narrow !== null) { wide = Float64Array.from(narrow); narrow = null; }
      return (wide = ensure(wide, numGroups));
    };
    const doubles = (numGroups: number): Float64Array => {
      if (narrow === null) return (wide = ensure(wide, numGroups));
      const out = new Float64Array(numGroups);
      const c = narrow, m = Math.min(numGroups, c.length);
      for (let g = 0; g < m; g++) out[g] = c[g]!;
      return out;
    };
    return {
      update(args, gids, n, numGroups) {
        const valid = argsValid(args, n);
        counted += n;
        if (narrow !== null && counted <= INT32_MAX) {
          const c = (narrow = ensure(narrow, numGroups)); // a local: the closure variable is not hoisted out of the loop
          if (valid === null) for (let i = 0; i < n; i++) c[gids[i]!]!++;
          else for (let i = 0; i < n; i++) c[gids[i]!]! += valid[i]!;
          return;
        }
        const c = widen(numGroups);
        if (valid === null) for (let i = 0; i < n; i++) c[gids[i]!]!++;
        else for (let i = 0; i < n; i++) c[gids[i]!]! += valid[i]!;
      },
      state(numGroups) {
        return { groups: identityGroups(numGroups), columns: [{ type: "float64", length: numGroups, values: doubles(numGroups).slice(0, numGroups), valid: null }] };
      },
      mergeState(columns, groups, numGroups) {
        const c = (columns[0] as Extract<Vec, { type: "float64" }>).values;
        let total = 0;
        for (let i = 0; i < groups.length; i++) total += c[i]!;
        counted += total;
        if (narrow !== null && counted <= INT32_MAX) {
          const counts = (narrow = ensure(narrow, numGroups));
          for (let i = 0; i < groups.length; i++) counts[groups[i]!]! += c[i]!;
          return;
        }
        const counts = widen(numGroups);
        for (let i = 0; i < groups.length; i++) counts[groups[i]!]! += c[i]!;
      },
      finish(numGroups): Vec {
        return { type: "int64", length: numGroups, values: int64FromSafeIntegers(doubles(numGroups), numGroups), valid: null };
      },
    };
  },
};
