import { Aggregate, E, Filter, Join, Limit, Sort } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { context, values } from "./helpers.js";
import { local } from "../src/index.js";

describe("explain", () => {
  it("prints the physical plan as an indented tree", () => {
    const a = values([["k", "int32"], ["v", "int32"]], [[1, 2]]);
    const b = values([["k2", "int32"], ["w", "utf8"]], [[1, "x"]]);
    const j = Join.create(Filter.create(a, E.binary(">", E.column("v"), E.literal(0))), b, "left", E.binary("=", E.column("k"), E.column("k2")), []);
    const agg = Aggregate.create(j, [E.column("w")], [E.alias(E.aggregate("count", [E.column("k")], { distinct: true, ignoreNulls: false }), "n")]);
    const plan = Limit.create(Sort.create(agg, [{ expr: E.column("n"), ascending: false, nullsFirst: false }]), 3);
    expect(local().explain(plan, context())).toBe([
      "Limit 3",
      "  TopN 3 [n#1 DESC NULLS LAST]",
      "    HashAggregate keys=[w#3] aggregates=[count(DISTINCT k#0)]",
      "      HashJoin left keys=[k#0 = k2#0]",
      "        Filter (v#1 > 0)",
      "          Values [k, v] (1 rows)",
      "        Values [k2, w] (1 rows)",
    ].join("\n"));
  });
});
