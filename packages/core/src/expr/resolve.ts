// Resolving expressions against a schema: column lookup and Spark's typing rules.
import { AnalysisError } from "../errors.js";
import { isNumeric, type DataType, type Schema } from "../types/data-type.js";
import type { BinaryOp, Expr, ExprKind } from "./expr.js";
import { AGGREGATE_TYPES, SCALAR_TYPES } from "./function-types.js";
import { exprName } from "./names.js";
import { containsAggregate } from "./tree.js";
import { castable, commonType, comparable, type TypeInfo } from "./type-rules.js";

export { castable, commonType, comparable, type TypeInfo } from "./type-rules.js";
export { exprName } from "./names.js";
export * from "./tree.js";

function listColumns(schema: Schema): string {
  return schema.fields.length === 0 ? "(none)" : schema.fields.map((f) => f.name).join(", ");
}

/** The index of column `name` in `schema`; an AnalysisError names it and lists the columns that exist. */
export function resolveColumn(schema: Schema, name: string): number {
  let found = -1;
  for (let i = 0; i < schema.fields.length; i++) {
    if (schema.fields[i]!.name === name) {
      if (found >= 0) {
        throw new AnalysisError(
          `Column "${name}" is ambiguous: it appears more than once. Rename or drop one side before joining. Available columns: ${listColumns(schema)}`,
        );
      }
      found = i;
    }
  }
  if (found < 0) {
    throw new AnalysisError(`Column "${name}" does not exist. Available columns: ${listColumns(schema)}`);
  }
  return found;
}

const ARITHMETIC: ReadonlySet<BinaryOp> = new Set(["+", "-", "*", "/", "%"]);
const LOGICAL: ReadonlySet<BinaryOp> = new Set(["and", "or"]);

type ExprTyper<K extends ExprKind> = (expr: Extract<Expr, { kind: K }>, schema: Schema) => TypeInfo;

const TYPERS: { readonly [K in ExprKind]: ExprTyper<K> } = {
  column: (e, schema) => {
    const f = schema.fields[resolveColumn(schema, e.name)]!;
    return { type: f.type, nullable: f.nullable };
  },
  literal: (e) => ({ type: e.type, nullable: e.value === null }),
  binary: (e, schema) => {
    const l = exprType(e.left, schema);
    const r = exprType(e.right, schema);
    const what = exprName(e);
    if (ARITHMETIC.has(e.op)) {
      for (const side of [l, r]) {
        if (side.type !== "null" && !isNumeric(side.type)) {
          throw new AnalysisError(`cannot resolve ${what}: ${e.op} needs numeric operands, got ${l.type} and ${r.type}`);
        }
      }
      const t = e.op === "/" ? "float64" : commonType(l.type, r.type, what);
      const type = t === "null" ? "int32" : t;
      return { type, nullable: l.nullable || r.nullable || e.op === "/" || e.op === "%" };
    }
    if (LOGICAL.has(e.op)) {
      for (const side of [l, r]) {
        if (side.type !== "null" && side.type !== "bool") {
          throw new AnalysisError(`cannot resolve ${what}: ${e.op.toUpperCase()} needs boolean operands, got ${l.type} and ${r.type}`);
        }
      }
      return { type: "bool", nullable: l.nullable || r.nullable };
    }
    if (!comparable(l.type, r.type)) {
      throw new AnalysisError(`cannot resolve ${what}: cannot compare ${l.type} with ${r.type}`);
    }
    return { type: "bool", nullable: e.op === "<=>" ? false : l.nullable || r.nullable };
  },
  not: (e, schema) => {
    const t = exprType(e.input, schema);
    if (t.type !== "bool" && t.type !== "null") throw new AnalysisError(`cannot resolve ${exprName(e)}: NOT needs a boolean, got ${t.type}`);
    return { type: "bool", nullable: t.nullable };
  },
  negate: (e, schema) => {
    const t = exprType(e.input, schema);
    if (!isNumeric(t.type) && t.type !== "null") throw new AnalysisError(`cannot resolve ${exprName(e)}: negation needs a number, got ${t.type}`);
    return { type: t.type === "null" ? "int32" : t.type, nullable: t.nullable };
  },
  is_null: (e, schema) => {
    exprType(e.input, schema);
    return { type: "bool", nullable: false };
  },
  cast: (e, schema) => {
    const t = exprType(e.input, schema);
    if (!castable(t.type, e.to)) throw new AnalysisError(`cannot resolve ${exprName(e)}: cannot cast ${t.type} to ${e.to}`);
    // Non-ANSI casts from strings (and number→timestamp) may fail and give null.
    const mayFail = t.type !== e.to && (t.type === "utf8" || e.to === "timestamp" || e.to === "date");
    return { type: e.to, nullable: t.nullable || mayFail };
  },
  case: (e, schema) => {
    const what = exprName(e);
    let type: DataType = "null";
    let nullable = e.otherwise === null;
    for (const b of e.branches) {
      const w = exprType(b.when, schema);
      if (w.type !== "bool" && w.type !== "null") throw new AnalysisError(`cannot resolve ${what}: WHEN condition must be boolean, got ${w.type}`);
      const th = exprType(b.then, schema);
      type = commonType(type, th.type, what);
      nullable ||= th.nullable;
    }
    if (e.otherwise !== null) {
      const o = exprType(e.otherwise, schema);
      type = commonType(type, o.type, what);
      nullable ||= o.nullable;
    }
    return { type, nullable };
  },
  in: (e, schema) => {
    const t = exprType(e.input, schema);
    let nullable = t.nullable;
    for (const item of e.list) {
      const it = exprType(item, schema);
      if (!comparable(t.type, it.type)) throw new AnalysisError(`cannot resolve ${exprName(e)}: cannot compare ${t.type} with ${it.type}`);
      nullable ||= it.nullable;
    }
    return { type: "bool", nullable };
  },
  call: (e, schema) => SCALAR_TYPES[e.fn](e.args.map((a) => exprType(a, schema)), exprName(e)),
  alias: (e, schema) => exprType(e.input, schema),
  aggregate: (e, schema) => {
    const args = e.args.map((a) => {
      if (containsAggregate(a)) throw new AnalysisError(`cannot resolve ${exprName(e)}: aggregate functions cannot be nested`);
      return exprType(a, schema);
    });
    return AGGREGATE_TYPES[e.fn](args, exprName(e));
  },
};

/** The type and nullability of `expr` over `schema`, by Spark's rules; an AnalysisError names the culprit. */
export function exprType(expr: Expr, schema: Schema): TypeInfo {
  return (TYPERS[expr.kind] as ExprTyper<ExprKind>)(expr as never, schema);
}
