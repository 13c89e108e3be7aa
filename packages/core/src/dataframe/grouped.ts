// GroupedData: groupBy(...) followed by agg, count, sum, avg/mean, min or max.
import { Column } from "../column/column.js";
import { AnalysisError } from "../errors.js";
import { E } from "../expr/build.js";
import type { Expr } from "../expr/expr.js";
import { exprName, resolveColumn } from "../expr/resolve.js";
import { Aggregate } from "../plan/nodes/index.js";
import type { LogicalPlan } from "../plan/plan.js";
import { SPARK_TYPE_NAMES } from "../types/data-type.js";
import { exprOf, named } from "./naming.js";

/** The loose implementation behind `GroupedData`. */
export class GroupedImpl<Frame> {
  constructor(
    private readonly plan: LogicalPlan,
    private readonly keys: readonly Expr[],
    private readonly wrap: (plan: LogicalPlan) => Frame,
  ) {}

  agg(...aggs: Column[]): Frame {
    if (aggs.length === 0) throw new AnalysisError("agg() needs at least one aggregate, e.g. count(\"*\")");
    return this.wrap(Aggregate.create(this.plan, this.keys, aggs.map((a) => named(exprOf(a, "agg")))));
  }

  count(): Frame {
    return this.agg(colOf(E.alias(E.aggregate("count", []), "count")));
  }

  private each(fn: "sum" | "avg" | "min" | "max", cols: readonly string[]): Frame {
    const schema = this.plan.schema;
    let names = [...cols];
    if (names.length === 0) {
      // Spark: with no columns, every numeric column that is not a grouping key.
      const keyNames = new Set(this.keys.map(exprName));
      names = schema.fields.filter((f) => ["int32", "int64", "float64"].includes(f.type) && !keyNames.has(f.name)).map((f) => f.name);
    }
    if ((fn === "sum" || fn === "avg") && names.length > 0) {
      for (const n of names) {
        const t = schema.fields[resolveColumn(schema, n)]!.type;
        if (!["int32", "int64", "float64", "null"].includes(t)) {
          throw new AnalysisError(`${fn}("${n}"): column "${n}" is ${SPARK_TYPE_NAMES[t]}, not numeric`);
        }
      }
    }
    return this.agg(...names.map((n) => colOf(E.aggregate(fn, [E.column(n)]))));
  }

  sum(...cols: string[]): Frame {
    return this.each("sum", cols);
  }
  avg(...cols: string[]): Frame {
    return this.each("avg", cols);
  }
  mean(...cols: string[]): Frame {
    return this.each("avg", cols);
  }
  min(...cols: string[]): Frame {
    return this.each("min", cols);
  }
  max(...cols: string[]): Frame {
    return this.each("max", cols);
  }
}

function colOf(e: Expr): Column {
  return new Column(e);
}
