// The adaptive partial distinct before an exchange (skipped when a sample shows few duplicates), and
// in-memory rows encoded once and reused: both must give local's answers on inputs past the sample size.
import { afterAll, describe, expect, it } from "vitest";
import { Distinct, Except } from "@lgde/core";
import { workers } from "@lgde/executor-workers";
import { expectSame, values } from "../helpers.js";

const exec = workers({ threads: 2 });
afterAll(() => exec.stop());

/** 300 000 rows (well past the 65 536-row sample of each of the two tasks), `distinctKeys` different (k, s) pairs. */
function rows(distinctKeys: number) {
  return values(
    [["k", "int32"], ["s", "utf8"], ["v", "int64"]],
    Array.from({ length: 300_000 }, (_, i) => ({ k: (i * 7919) % distinctKeys, s: `s${((i * 7919) % distinctKeys) % 13}`, v: BigInt(i) })),
    8_192,
  );
}

describe("partial distinct before the exchange", () => {
  it("drops duplicates exactly when they are few (partial pass skipped)", async () => {
    const input = rows(280_000);
    const got = await expectSame(exec, Distinct.create(input, ["k", "s"]), false, { batchSize: 8_192 });
    expect(got).toHaveLength(280_000);
  });
  it("drops duplicates exactly when they are many (partial pass over the whole task)", async () => {
    const input = rows(1_000);
    const got = await expectSame(exec, Distinct.create(input, ["k", "s"]), false, { batchSize: 8_192 });
    expect(got).toHaveLength(1_000);
  });
  it("keeps each key's first row in dropDuplicates", async () => {
    const got = await expectSame(exec, Distinct.create(rows(500), ["k"]), false, { batchSize: 8_192 });
    expect(got).toHaveLength(500);
  });
  it("subtracts with many duplicates on the left", async () => {
    const keys = (n: number, mod: number) => values([["k", "int32"]], Array.from({ length: n }, (_, i) => ({ k: i % mod })), 8_192);
    const got = await expectSame(exec, Except.create(keys(300_000, 2_000), keys(1_000, 1_000)), false, { batchSize: 8_192 });
    expect(got).toHaveLength(1_000);
  });
});

describe("in-memory rows", () => {
  it("give the same answers when queried again (encoded once, shared)", async () => {
    const input = rows(50_000);
    const plan = Distinct.create(input, ["k"]);
    const first = await expectSame(exec, plan, false, { batchSize: 8_192 });
    const again = await expectSame(exec, plan, false, { batchSize: 8_192 });
    expect(again).toHaveLength(50_000);
    expect(first).toHaveLength(50_000);
  });
});
