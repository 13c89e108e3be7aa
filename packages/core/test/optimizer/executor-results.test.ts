// With the local executor: a few fixed plans give the same rows optimized, unoptimized, and with each rule off.
import { describe, expect, it } from "vitest";
import * as arrow from "apache-arrow";
import { local } from "@lgde/executor-local";
import type { ExecutionContext, SourceRegistry } from "@lgde/core";
import { E } from "../../src/expr/build.js";
import { Aggregate, Distinct, Filter, Join, Project, Sort, Union, Values } from "../../src/plan/nodes/index.js";
import type { LogicalPlan } from "../../src/plan/plan.js";
import { defaultRules, optimize } from "../../src/optimizer/index.js";
import { field, schema, type Schema } from "../../src/types/data-type.js";
import { rowsToBatch, type Row } from "../../../../test/reference/rows.js";
import { batchesToRows, rowKey } from "../../../../test/reference/index.js";
import { and, bin, col, eq, gt, lit } from "./fixtures.js";

const noSources: SourceRegistry = {
  source: (format) => { throw new Error(`no source ${format} in this test`); },
  sink: (format) => { throw new Error(`no sink ${format} in this test`); },
};
const ctx: ExecutionContext = { timeZone: "UTC", sources: noSources, batchSize: 4 };

const rel = (s: Schema, rows: Row[]) => Values.create([rowsToBatch(s, rows)], s);
const users = rel(schema([field("u_id", "int32"), field("u_gender", "utf8"), field("u_age", "int32")]), [
  [1, "M", 30], [2, "F", null], [3, null, 41], [4, "F", 25], [null, "M", 19],
]);
const buys = rel(schema([field("p_uid", "int32"), field("p_amount", "int32"), field("p_name", "utf8")]), [
  [1, 100, "a"], [1, 50, "b"], [3, null, "c"], [5, 70, "d"], [null, 10, "e"], [4, 20, "a"],
]);

async function run(plan: LogicalPlan): Promise<string[]> {
  const batches: arrow.RecordBatch[] = [];
  for await (const b of local().execute(plan as never, ctx)) batches.push(b);
  return batchesToRows(batches, plan.schema).map((r) => rowKey(r)).sort();
}

const plans: Record<string, LogicalPlan> = {
  "left join then WHERE on both sides": Filter.create(
    Join.create(users, buys, "left", eq(col("u_id"), col("p_uid"))),
    and(gt(col("u_age"), lit(20)), E.isNull(col("p_amount"))),
  ),
  "aggregate over a filtered inner join": Filter.create(
    Aggregate.create(
      Filter.create(Join.create(users, buys, "inner", eq(col("u_id"), col("p_uid"))), gt(col("p_amount"), bin("*", lit(2), lit(10)))),
      [col("u_gender")],
      [E.alias(E.aggregate("sum", [col("p_amount")]), "revenue"), E.alias(E.aggregate("count", []), "n")],
    ),
    E.isNull(col("u_gender"), true),
  ),
  "projection, union and sort": Sort.create(
    Filter.create(
      Union.create([
        Project.create(users, [E.alias(bin("+", col("u_age"), lit(1)), "x"), col("u_gender")]),
        Project.create(buys, [col("p_amount"), col("p_name")]),
      ]),
      and(gt(col("x"), lit(20)), lit(true)),
    ),
    [E.sortOrder(col("x"))],
  ),
  "anti join with a right-side ON conjunct": Join.create(users, buys, "anti", and(eq(col("u_id"), col("p_uid")), gt(col("p_amount"), lit(30)))),
  // remove-redundant-distinct: duplicate rows (and nulls) that the distinct would drop do not change these.
  "distinct values, min and max over a deduplicated union": Aggregate.create(
    Filter.create(Distinct.create(Union.create([buys, buys, Project.create(buys, [col("p_uid"), col("p_amount"), E.alias(lit("z"), "p_name")])])), gt(col("p_amount"), lit(15))),
    [col("p_name")],
    [E.alias(E.aggregate("count", [col("p_uid")], { distinct: true }), "buyers"), E.alias(E.aggregate("sum", [col("p_amount")], { distinct: true }), "amounts"),
      E.alias(E.aggregate("min", [col("p_uid")]), "lo"), E.alias(E.aggregate("max", [col("p_amount")]), "hi")],
  ),
};

describe("optimizer keeps results on the local executor", () => {
  for (const [name, plan] of Object.entries(plans)) {
    it(name, async () => {
      const expected = await run(plan);
      expect(expected.length).toBeGreaterThan(0);
      for (const disabled of [[], ...defaultRules.map((r) => [r.name])]) {
        expect({ disabled, rows: await run(optimize(plan, { disabledRules: disabled })) }).toEqual({ disabled, rows: expected });
      }
    });
  }
});
