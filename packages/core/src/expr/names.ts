// Spark's automatic output names of expressions: `a`, `(a + 1)`, `count(1)`, `count(DISTINCT a)`.
import type { Expr, ExprKind } from "./expr.js";

function literalText(e: Extract<Expr, { kind: "literal" }>): string {
  if (e.value === null) return "NULL";
  if (e.type === "timestamp" && typeof e.value === "number") return `TIMESTAMP '${new Date(e.value / 1000).toISOString()}'`;
  if (e.type === "date" && typeof e.value === "number") return `DATE '${new Date(e.value * 86_400_000).toISOString().slice(0, 10)}'`;
  return String(e.value);
}

type Namer<K extends ExprKind> = (expr: Extract<Expr, { kind: K }>) => string;

const NAMERS: { readonly [K in ExprKind]: Namer<K> } = {
  column: (e) => e.name,
  literal: literalText,
  binary: (e) => `(${exprName(e.left)} ${e.op === "and" || e.op === "or" ? e.op.toUpperCase() : e.op} ${exprName(e.right)})`,
  not: (e) => `(NOT ${exprName(e.input)})`,
  negate: (e) => `(- ${exprName(e.input)})`,
  is_null: (e) => `(${exprName(e.input)} IS ${e.negated ? "NOT " : ""}NULL)`,
  cast: (e) => `CAST(${exprName(e.input)} AS ${e.to.toUpperCase()})`,
  case: (e) =>
    `CASE ${e.branches.map((b) => `WHEN ${exprName(b.when)} THEN ${exprName(b.then)}`).join(" ")}` +
    `${e.otherwise === null ? "" : ` ELSE ${exprName(e.otherwise)}`} END`,
  in: (e) => `(${exprName(e.input)} IN (${e.list.map(exprName).join(", ")}))`,
  call: (e) => `${e.fn}(${e.args.map(exprName).join(", ")})`,
  alias: (e) => e.name,
  aggregate: (e) =>
    e.args.length === 0 ? `${e.fn}(1)` : `${e.fn}(${e.distinct ? "DISTINCT " : ""}${e.args.map(exprName).join(", ")})`,
};

/** Spark's automatic output name of an expression: `a`, `(a + 1)`, `count(1)`, `count(DISTINCT a)`, or its alias. */
export function exprName(expr: Expr): string {
  return (NAMERS[expr.kind] as Namer<ExprKind>)(expr as never);
}

/** The direct sub-expressions of an expression. */