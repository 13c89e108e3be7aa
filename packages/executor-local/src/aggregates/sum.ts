// sum(x): int64 for integer input (exact, wrapping at 64 bits like Spark), float64 for doubles; null for no input.
import type { Vec } from "../kernels/vector.js";
import { identityGroups, type AggregateFunction, type GroupAccumulator } from "./accumulator.js";
import { SumState } from "./sum-state.js";

export const sum: AggregateFunction = {
  name: "sum",
  create(spec): GroupAccumulator {
    const s = new SumState(spec.resultType !== "float64");
    return {
      update(args, gids, n, numGroups) { s.update(args[0]!, gids, n, numGroups); },
      state(numGroups) { return { groups: identityGroups(numGroups), columns: s.stateColumns(numGroups) }; },
      mergeState(columns, groups, numGroups) { s.mergeColumns(columns, groups, numGroups); },
      finish(numGroups): Vec {
        s.grow(numGroups);
        let valid: Uint8Array | null = null;
        for (let g = 0; g < numGroups; g++) if (s.seen[g] === 0) { valid = s.seen.slice(0, numGroups); break; }
        if (s.integral) {
          return { type: "int64", length: numGroups, values: s.intSums(numGroups), valid };
        }
        return { type: "float64", length: numGroups, values: s.sums.slice(0, numGroups), valid };
      },
    };
  },
};
