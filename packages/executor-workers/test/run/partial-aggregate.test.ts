// The adaptive partial aggregation before an exchange: skipped (each row its own partial state) when a
// sample has about as many groups as rows, done when it reduces. Both give local's answers, for every
// aggregate function, nulls included, on inputs past the 65 536-row sample of each task.
import { afterAll, describe, expect, it } from "vitest";
import { Aggregate, E, type Expr } from "@lgde/core";
import { workers } from "@lgde/executor-workers";
import { expectSame, values } from "../helpers.js";

const c = E.column;
const call = (fn: "count" | "sum" | "avg" | "min" | "max" | "first", args: readonly Expr[], name: string, ignoreNulls = false) =>
  E.alias(E.aggregate(fn, args, { ignoreNulls }), name);

/** 200 000 rows in `groups` groups of `g`; every value column has nulls. */
function rows(groups: number) {
  return values(
    [["g", "int32"], ["i", "int32"], ["l", "int64"], ["d", "float64"], ["s", "utf8"]],
    Array.from({ length: 200_000 }, (_, r) => ({
      g: (r * 7919) % groups,
      i: r % 11 === 0 ? null : r % 1000,
      l: r % 13 === 0 ? null : BigInt(r) * 3_000_000n,
      d: r % 17 === 0 ? null : (r % 100) / 4,
      s: r % 19 === 0 ? null : `s${r % 377}`,
    })),
    8_192,
  );
}

const aggregates = [
  call("count", [], "rows"), call("count", [E.literal(1)], "ones"), call("count", [c("i")], "ni"), call("count", [c("i"), c("s")], "nis"),
  call("sum", [c("i")], "si"), call("sum", [c("l")], "sl"), call("sum", [c("d")], "sd"), call("avg", [c("i")], "ai"),
  call("min", [c("s")], "mins"), call("max", [c("l")], "maxl"), call("min", [c("d")], "mind"),
  call("first", [c("s")], "fs"), call("first", [c("s")], "fsi", true),
  E.alias(E.binary("+", E.aggregate("sum", [c("i")]), E.aggregate("count", [c("d")])), "mixed"),
];

const exec = workers({ threads: 2, broadcastRows: 0 });
afterAll(() => exec.stop());

describe("partial aggregation before the exchange", () => {
  it("is skipped when nearly every row is its own group, with the same answers", async () => {
    const plan = Aggregate.create(rows(180_000), [c("g")], aggregates);
    const got = await expectSame(exec, plan, false, { batchSize: 8_192 });
    expect(got).toHaveLength(180_000);
  });
  it("is done when the groups are few, with the same answers", async () => {
    const plan = Aggregate.create(rows(500), [c("g")], aggregates);
    const got = await expectSame(exec, plan, false, { batchSize: 8_192 });
    expect(got).toHaveLength(500);
  });
  it("is skipped for a grouping expression, with a null key", async () => {
    // g = 5 becomes the null key; every other row is still its own group in the sample.
    const k = E.caseWhen([{ when: E.binary("=", c("g"), E.literal(5)), then: E.literal(null, "int32") }], E.binary("+", c("g"), E.literal(1)));
    const plan = Aggregate.create(rows(180_000), [E.alias(k, "k")], [call("count", [], "n"), call("max", [c("s")], "m"), call("sum", [c("i")], "si")]);
    await expectSame(exec, plan, false, { batchSize: 8_192 });
  });
  it("is done when a sample looks nearly unique but the whole input is not (ids drawn from a large set)", async () => {
    // 200 000 rows over 60 000 groups: a 65 536-row sample is 92% distinct, the whole input 30%.
    const plan = Aggregate.create(rows(60_000), [c("g")], [call("count", [], "n"), call("min", [c("d")], "md")]);
    const got = await expectSame(exec, plan, false, { batchSize: 8_192 });
    expect(got).toHaveLength(60_000);
  });
});
