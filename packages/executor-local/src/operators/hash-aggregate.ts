// Hash aggregation: group ids assigned per batch (open-addressing fast path for int keys),
// accumulators updated column-wise; nulls in keys form one group; no keys gives one row.
import type { AggregateFunctionName, DataType, Schema } from "@lgde/core";
import { createAccumulator } from "../aggregates/index.js";
import { evaluate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { GroupTable } from "../kernels/hash.js";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";
import { checkAbort } from "../runtime.js";
import { slices } from "./conform.js";

/** One aggregate call, its arguments over the input. */
export interface AggregateCallExec {
  readonly fn: AggregateFunctionName;
  readonly args: readonly PExpr[];
  readonly distinct: boolean;
  readonly ignoreNulls: boolean;
  readonly resultType: DataType;
}

export interface HashAggregateExec {
  readonly kind: "hash-aggregate";
  readonly input: PhysicalPlan;
  readonly groupBy: readonly PExpr[];
  readonly aggregates: readonly AggregateCallExec[];
  /** The output columns, over [group keys..., aggregate results...]. */
  readonly outputs: readonly PExpr[];
  readonly schema: Schema;
}

export async function* executeHashAggregate(node: HashAggregateExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const table = new GroupTable(node.groupBy.map((g) => g.type));
  const accs = node.aggregates.map((a) =>
    createAccumulator(a.fn, { inputTypes: a.args.map((x) => x.type), resultType: a.resultType, ignoreNulls: a.ignoreNulls }, a.distinct));
  let ids = new Int32Array(0);
  for await (const c of rt.run(node.input)) {
    checkAbort(rt);
    if (c.length === 0) continue;
    if (ids.length < c.length) ids = new Int32Array(c.length);
    const keys = node.groupBy.map((g) => evaluate(g, c, rt.eval));
    table.assign(keys, c.length, ids);
    const gids = ids.subarray(0, c.length);
    node.aggregates.forEach((a, k) => accs[k]!.update(a.args.map((x) => evaluate(x, c, rt.eval)), gids, c.length, table.size));
  }
  // Spark: a global aggregate over no rows still yields one row (count 0, sum null).
  const numGroups = node.groupBy.length === 0 ? 1 : table.size;
  if (numGroups === 0) return;
  const intermediate: Chunk = {
    columns: [...table.keyColumns(), ...accs.map((a) => a.finish(numGroups))],
    length: numGroups,
  };
  const out: Chunk = { columns: node.outputs.map((e) => evaluate(e, intermediate, rt.eval)), length: numGroups };
  yield* slices(out, rt.batchSize);
}
