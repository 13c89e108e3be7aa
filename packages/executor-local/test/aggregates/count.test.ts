import { describe, expect, it } from "vitest";
import { createAccumulator, vecFromValues } from "../../src/index.js";

const spec = { inputTypes: ["int32"] as const, resultType: "int64" as const, ignoreNulls: false };

describe("count accumulator", () => {
  it("keeps exact counts across int32 updates, merged (double) state and later updates", () => {
    const acc = createAccumulator("count", spec, false);
    acc.update([vecFromValues("int32", [1, null, 3, 4])], Int32Array.from([0, 0, 1, 2]), 4, 3);
    // Merging foreign state moves the counts to doubles; values beyond int32 must stay exact.
    acc.mergeState([{ type: "float64", length: 2, values: Float64Array.from([2 ** 40, 5]), valid: null }], Int32Array.from([1, 3]), 4);
    acc.update([vecFromValues("int32", [7, 8])], Int32Array.from([3, 0]), 2, 4);
    const out = acc.finish(4);
    expect(out.type).toBe("int64");
    expect(out.type === "int64" ? Array.from(out.values) : []).toEqual([2n, 2n ** 40n + 1n, 1n, 6n]);
    const state = acc.state(4).columns[0]!;
    expect(state.type === "float64" ? Array.from(state.values) : []).toEqual([2, 2 ** 40 + 1, 1, 6]);
  });

  it("finishes groups it never saw with 0", () => {
    const acc = createAccumulator("count", spec, false);
    acc.update([], Int32Array.from([1]), 1, 2);
    const out = acc.finish(3);
    expect(out.type === "int64" ? Array.from(out.values) : []).toEqual([0n, 1n, 0n]);
  });
});
