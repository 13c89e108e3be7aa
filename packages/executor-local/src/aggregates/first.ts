// first(x[, ignoreNulls]): the first value seen per group (Spark's order is not deterministic either).
import type { Vec } from "../kernels/vector.js";
import { ensure, identityGroups, type AggregateFunction, type GroupAccumulator } from "./accumulator.js";
import { ValueSlots } from "./value-slots.js";

export const first: AggregateFunction = {
  name: "first",
  create(spec): GroupAccumulator {
    const slots = new ValueSlots(spec.resultType);
    let decided = new Uint8Array(16);
    const fold = (v: Vec, gids: Int32Array, n: number, numGroups: number, decidedIn: Uint8Array | null) => {
      slots.grow(numGroups);
      decided = ensure(decided, numGroups);
      for (let i = 0; i < n; i++) {
        const g = gids[i]!;
        if (decided[g] === 1) continue;
        if (decidedIn !== null && decidedIn[i] === 0) continue;
        const isNull = v.type === "null" || (v.valid !== null && v.valid[i] === 0);
        if (isNull && spec.ignoreNulls) continue;
        slots.assign(g, v, i);
        decided[g] = 1;
      }
    };
    return {
      update(args, gids, n, numGroups) { fold(args[0]!, gids, n, numGroups, null); },
      state(numGroups) {
        decided = ensure(decided, numGroups);
        return { groups: identityGroups(numGroups), columns: [slots.toVec(numGroups), { type: "bool", length: numGroups, values: decided.slice(0, numGroups), valid: null }] };
      },
      mergeState(columns, groups, numGroups) {
        const flags = columns[1] as Extract<Vec, { type: "bool" }>;
        fold(columns[0]!, groups, groups.length, numGroups, flags.values);
      },
      finish(numGroups) { return slots.toVec(numGroups); },
    };
  },
};
