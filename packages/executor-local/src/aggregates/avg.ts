// avg(x): a double; null for a group without non-null input.
import type { Vec } from "../kernels/vector.js";
import { identityGroups, type AggregateFunction, type GroupAccumulator } from "./accumulator.js";
import { SumState } from "./sum-state.js";

export const avg: AggregateFunction = {
  name: "avg",
  create(spec): GroupAccumulator {
    const s = new SumState(spec.inputTypes[0] !== "float64");
    return {
      update(args, gids, n, numGroups) { s.update(args[0]!, gids, n, numGroups); },
      state(numGroups) { return { groups: identityGroups(numGroups), columns: s.stateColumns(numGroups) }; },
      mergeState(columns, groups, numGroups) { s.mergeColumns(columns, groups, numGroups); },
      finish(numGroups): Vec {
        s.grow(numGroups);
        const out = new Float64Array(numGroups);
        let valid: Uint8Array | null = null;
        for (let g = 0; g < numGroups; g++) {
          if (s.seen[g] === 0) { valid ??= s.seen.slice(0, numGroups); continue; }
          const total = s.integral && s.big.has(g) ? Number(s.big.get(g)!) : s.sums[g]!;
          out[g] = total / s.counts[g]!;
        }
        return { type: "float64", length: numGroups, values: out, valid };
      },
    };
  },
};
