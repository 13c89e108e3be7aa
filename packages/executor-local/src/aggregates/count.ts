// count(*), count(x) (skips nulls) and count(a, b) (rows where all are non-null).
import type { Vec } from "../kernels/vector.js";
import { argsValid, ensure, identityGroups, type AggregateFunction, type GroupAccumulator } from "./accumulator.js";

export const count: AggregateFunction = {
  name: "count",
  create(): GroupAccumulator {
    let counts = new Float64Array(16);
    return {
      update(args, gids, n, numGroups) {
        counts = ensure(counts, numGroups);
        const valid = argsValid(args, n);
        if (valid === null) for (let i = 0; i < n; i++) counts[gids[i]!]!++;
        else for (let i = 0; i < n; i++) counts[gids[i]!]! += valid[i]!;
      },
      state(numGroups) {
        counts = ensure(counts, numGroups);
        return { groups: identityGroups(numGroups), columns: [{ type: "float64", length: numGroups, values: counts.slice(0, numGroups), valid: null }] };
      },
      mergeState(columns, groups, numGroups) {
        counts = ensure(counts, numGroups);
        const c = (columns[0] as Extract<Vec, { type: "float64" }>).values;
        for (let i = 0; i < groups.length; i++) counts[groups[i]!]! += c[i]!;
      },
      finish(numGroups): Vec {
        counts = ensure(counts, numGroups);
        const out = new BigInt64Array(numGroups);
        for (let g = 0; g < numGroups; g++) out[g] = BigInt(counts[g]!);
        return { type: "int64", length: numGroups, values: out, valid: null };
      },
    };
  },
};
