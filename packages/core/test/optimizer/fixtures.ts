// Small plans for optimizer tests: scans over fake sources and in-memory relations.
import * as arrow from "apache-arrow";
import { E } from "../../src/expr/build.js";
import type { Expr } from "../../src/expr/expr.js";
import { Scan, Values } from "../../src/plan/nodes/index.js";
import { explainLogical } from "../../src/plan/explain.js";
import type { LogicalPlan, ScanNode, ValuesNode } from "../../src/plan/plan.js";
import type { OptimizerRule } from "../../src/optimizer/rule.js";
import { field, schema, type DataType } from "../../src/types/data-type.js";

/** `"a int32, b utf8?"`: a trailing `?` makes the column nullable; without it the column is not null. */
export function fields(spec: string) {
  return schema(spec.split(",").map((part) => {
    const [name, type] = part.trim().split(/\s+/) as [string, string];
    const nullable = type.endsWith("?");
    return field(name, type.replace("?", "") as DataType, nullable);
  }));
}

export function scan(path: string, spec: string): ScanNode {
  return Scan.create({ format: "parquet", options: { path }, schema: fields(spec), description: `parquet ${path}` });
}

/** An in-memory relation with `rows` empty rows (only the count matters for plan shapes). */
export function values(spec: string, rows = 3): ValuesNode {
  const s = fields(spec);
  const table = arrow.tableFromArrays({ x: Int32Array.from({ length: rows }, (_, i) => i) });
  return Values.create(rows === 0 ? [] : table.batches, s);
}

export const col = E.column;
export const lit = (v: number | string | boolean | null) => E.literal(v);
export const bin = (op: Parameters<typeof E.binary>[0], l: Expr, r: Expr) => E.binary(op, l, r);
export const gt = (l: Expr, r: Expr) => E.binary(">", l, r);
export const eq = (l: Expr, r: Expr) => E.binary("=", l, r);
export const and = (l: Expr, r: Expr) => E.binary("and", l, r);

/** Applies a rule once and renders the result. */
export function applied(rule: OptimizerRule, plan: LogicalPlan): { text: string; transformed: boolean; plan: LogicalPlan } {
  const r = rule.rewrite(plan, { pass: 1 });
  return { text: explainLogical(r.plan), transformed: r.transformed, plan: r.plan };
}

/** Applies a rule until it reports no change (at most 10 times). */
export function appliedToFixpoint(rule: OptimizerRule, plan: LogicalPlan): string {
  let current = plan;
  for (let i = 0; i < 10; i++) {
    const r = rule.rewrite(current, { pass: i + 1 });
    if (!r.transformed) break;
    current = r.plan;
  }
  return explainLogical(current);
}

/** Joins lines, so expected plans read as trees in the test source. */
export const lines = (...ls: string[]) => ls.join("\n");
