// DataFrameNaFunctions: na.fill and na.drop, as projections and filters.
import { AnalysisError } from "../errors.js";
import { E } from "../expr/build.js";
import type { Expr } from "../expr/expr.js";
import { conjunction, resolveColumn } from "../expr/resolve.js";
import { Filter, Project } from "../plan/nodes/index.js";
import type { LogicalPlan } from "../plan/plan.js";
import { SPARK_TYPE_NAMES, type DataType, type Field } from "../types/data-type.js";
import type { FillValue, NaDropOptions } from "./dataframe.js";

/** Whether `value` fills a column of type `t` (Spark's rule: by the value's type). */
function fills(t: DataType, value: FillValue): boolean {
  switch (typeof value) {
    case "number": return t === "int32" || t === "int64" || t === "float64";
    case "string": return t === "utf8";
    case "boolean": return t === "bool";
  }
}

function fillExpr(f: Field, value: FillValue): Expr {
  // Numbers are cast to the column's type (1.5 fills an int column with 1, as Spark does).
  const v = typeof value === "number" ? E.cast(E.literal(value), f.type) : E.literal(value);
  return E.alias(E.call("coalesce", [E.column(f.name), v]), f.name);
}

/** The loose implementation behind `DataFrameNaFunctions`. */
export class NaFunctionsImpl<Frame = unknown> {
  constructor(private readonly plan: LogicalPlan, private readonly wrap: (plan: LogicalPlan) => Frame) {}

  private checkSubset(subset: readonly string[] | undefined, what: string): Set<string> | null {
    if (subset === undefined) return null;
    for (const n of subset) {
      try {
        resolveColumn(this.plan.schema, n);
      } catch (err) {
        throw new AnalysisError(`${what}: ${(err as Error).message}`);
      }
    }
    return new Set(subset);
  }

  fill(value: FillValue | { readonly [name: string]: FillValue }, subset?: readonly string[]): Frame {
    const fields = this.plan.schema.fields;
    if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      for (const [name, v] of entries) {
        const f = fields[resolveColumn(this.plan.schema, name)]!;
        if (!fills(f.type, v)) {
          throw new AnalysisError(
            `na.fill: column "${name}" is ${SPARK_TYPE_NAMES[f.type]} and cannot be filled with ${typeof v} ${JSON.stringify(v)}`,
          );
        }
      }
      const byName = new Map(entries);
      return this.wrap(Project.create(this.plan, fields.map((f) => {
        const v = byName.get(f.name);
        return v === undefined ? E.column(f.name) : fillExpr(f, v);
      })));
    }
    if (typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") {
      throw new AnalysisError(`na.fill: unsupported value ${String(value)}; use a number, string, boolean or a record of them`);
    }
    const only = this.checkSubset(subset, "na.fill");
    return this.wrap(Project.create(this.plan, fields.map((f) =>
      (only === null || only.has(f.name)) && fills(f.type, value) ? fillExpr(f, value) : E.column(f.name))));
  }

  drop(how: "any" | "all" | NaDropOptions = "any", subset?: readonly string[]): Frame {
    const opts: NaDropOptions = typeof how === "object" ? how : { how, subset };
    const mode = opts.how ?? "any";
    if (mode !== "any" && mode !== "all") throw new AnalysisError(`na.drop: how must be "any" or "all", got "${String(mode)}"`);
    const only = this.checkSubset(opts.subset, "na.drop");
    const cols = this.plan.schema.fields.filter((f) => only === null || only.has(f.name)).map((f) => f.name);
    if (cols.length === 0) return this.wrap(this.plan);
    const notNull = cols.map((c) => E.isNull(E.column(c), true));
    let predicate: Expr;
    if (opts.thresh !== undefined) {
      // At least `thresh` non-null values among the columns.
      const counted = notNull.map((e) => E.cast(e, "int32") as Expr).reduce((a, b) => E.binary("+", a, b));
      predicate = E.binary(">=", counted, E.literal(opts.thresh));
    } else if (mode === "any") {
      predicate = conjunction(notNull)!;
    } else {
      predicate = notNull.slice(1).reduce<Expr>((a, b) => E.binary("or", a, b), notNull[0]!);
    }
    return this.wrap(Filter.create(this.plan, predicate));
  }
}
