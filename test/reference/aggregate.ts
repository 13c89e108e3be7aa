// Aggregate functions over one group's rows: count skips nulls, sum/avg/min/max null on no input.
import type { AggregateCall, Value } from "@lgde/core";
import { evalExpr, type EvalContext } from "./eval-expr.js";
import { compareValues, rowKey, type Row } from "./rows.js";

/** Evaluates an aggregate call over the rows of a group. */
export function evalAggregate(call: AggregateCall, group: readonly Row[], ctx: EvalContext): Value {
  const argCtx: EvalContext = { schema: ctx.schema, timeZone: ctx.timeZone };
  // each row's argument values
  let tuples = group.map((r) => call.args.map((a) => evalExpr(a, r, argCtx)));
  if (call.fn === "first") {
    const vals = tuples.map((t) => t[0] ?? null);
    if (call.ignoreNulls) return vals.find((v) => v !== null) ?? null;
    return vals.length ? vals[0]! : null;
  }
  if (call.fn === "count" && call.args.length === 0) return group.length;
  // every function but first skips rows with a null argument
  tuples = tuples.filter((t) => t.every((v) => v !== null));
  if (call.distinct) {
    const seen = new Set<string>();
    tuples = tuples.filter((t) => {
      const k = rowKey(t);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  const vals = tuples.map((t) => t[0]!);
  switch (call.fn) {
    case "count": return tuples.length;
    case "sum":
      if (!vals.length) return null;
      return vals.reduce<number>((s, v) => s + Number(v), 0);
    case "avg":
      if (!vals.length) return null;
      return vals.reduce<number>((s, v) => s + Number(v), 0) / vals.length;
    case "min":
      if (!vals.length) return null;
      return vals.reduce((m, v) => (compareValues(v, m) < 0 ? v : m));
    case "max":
      if (!vals.length) return null;
      return vals.reduce((m, v) => (compareValues(v, m) > 0 ? v : m));
  }
}
