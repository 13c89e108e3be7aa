// The shared body of min and max: keep the smallest (sign 1) or largest (sign -1) non-null value.
import type { Vec } from "../kernels/vector.js";
import { identityGroups, type AggregateSpec, type GroupAccumulator } from "./accumulator.js";
import { ValueSlots } from "./value-slots.js";

export function extreme(sign: 1 | -1) {
  return (spec: AggregateSpec): GroupAccumulator => {
    const slots = new ValueSlots(spec.resultType);
    const fold = (v: Vec, gids: Int32Array, n: number, numGroups: number) => {
      slots.grow(numGroups);
      if (v.type === "null") return;
      const has = slots.has;
      for (let i = 0; i < n; i++) {
        if (v.valid !== null && v.valid[i] === 0) continue;
        const g = gids[i]!;
        if (has[g] === 0 || slots.compare(v, i, g) * sign < 0) slots.assign(g, v, i);
      }
    };
    return {
      update(args, gids, n, numGroups) { fold(args[0]!, gids, n, numGroups); },
      state(numGroups) { return { groups: identityGroups(numGroups), columns: [slots.toVec(numGroups)] }; },
      mergeState(columns, groups, numGroups) { fold(columns[0]!, groups, groups.length, numGroups); },
      finish(numGroups) { return slots.toVec(numGroups); },
    };
  };
}
