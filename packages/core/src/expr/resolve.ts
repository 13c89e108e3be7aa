// Resolving expressions against a schema: column lookup, Spark's typing rules and output names.
import { AnalysisError } from "../errors.js";
import { isIntegral, isNumeric, type DataType, type Schema } from "../types/data-type.js";
import type { AggregateFunctionName, BinaryOp, Expr, ExprKind, ScalarFunctionName } from "./expr.js";

/** A resolved expression's type and nullability. */
export interface TypeInfo {
  readonly type: DataType;
  readonly nullable: boolean;
}

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

const NUMERIC_RANK: Partial<Record<DataType, number>> = { int32: 1, int64: 2, float64: 3 };

/**
 * The type two operands are promoted to (Spark's `findTightestCommonType`): numeric widening,
 * null adapts to the other side, date widens to timestamp. `what` names the expression in errors.
 */
export function commonType(a: DataType, b: DataType, what: string): DataType {
  if (a === b) return a;
  if (a === "null") return b;
  if (b === "null") return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) return ra >= rb ? a : b;
  if ((a === "date" && b === "timestamp") || (a === "timestamp" && b === "date")) return "timestamp";
  throw new AnalysisError(`cannot resolve ${what}: data types ${a} and ${b} are incompatible`);
}

const ARITHMETIC: ReadonlySet<BinaryOp> = new Set(["+", "-", "*", "/", "%"]);
const LOGICAL: ReadonlySet<BinaryOp> = new Set(["and", "or"]);

function comparable(a: DataType, b: DataType): boolean {
  if (a === "null" || b === "null" || a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  const temporal = (t: DataType) => t === "date" || t === "timestamp";
  // Spark casts a string compared with a date or timestamp to that type.
  return (temporal(a) || a === "utf8") && (temporal(b) || b === "utf8");
}

type ScalarTyper = (args: readonly TypeInfo[], what: string) => TypeInfo;

function arity(what: string, args: readonly TypeInfo[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new AnalysisError(`${what}: expected ${expected} arguments, got ${args.length}`);
  }
}

function expectType(what: string, arg: TypeInfo | undefined, ok: (t: DataType) => boolean, expected: string): void {
  if (arg && arg.type !== "null" && !ok(arg.type)) {
    throw new AnalysisError(`${what}: argument must be ${expected}, got ${arg.type}`);
  }
}

const anyNullable = (args: readonly TypeInfo[]) => args.some((a) => a.nullable);
const isString = (t: DataType) => t === "utf8";
const isTemporalOrString = (t: DataType) => t === "utf8" || t === "date" || t === "timestamp";

const stringFn = (type: DataType): ScalarTyper => (args, what) => {
  arity(what, args, 1);
  expectType(what, args[0], isString, "a string");
  return { type, nullable: anyNullable(args) };
};

const datePart: ScalarTyper = (args, what) => {
  arity(what, args, 1);
  expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
  return { type: "int32", nullable: true };
};

/** Return types of scalar functions, by Spark's names. */
const SCALAR_TYPES: Readonly<Record<ScalarFunctionName, ScalarTyper>> = {
  coalesce: (args, what) => {
    if (args.length === 0) throw new AnalysisError(`${what}: expected at least one argument`);
    const type = args.reduce<DataType>((t, a) => commonType(t, a.type, what), "null");
    return { type, nullable: args.every((a) => a.nullable) };
  },
  concat: (args) => ({ type: "utf8", nullable: anyNullable(args) }),
  lower: stringFn("utf8"),
  upper: stringFn("utf8"),
  trim: stringFn("utf8"),
  length: stringFn("int32"),
  substring: (args, what) => {
    arity(what, args, 2, 3);
    expectType(what, args[1], isIntegral, "an integer position");
    expectType(what, args[2], isIntegral, "an integer length");
    return { type: "utf8", nullable: anyNullable(args) };
  },
  abs: (args, what) => {
    arity(what, args, 1);
    expectType(what, args[0], isNumeric, "numeric");
    return { type: args[0]!.type === "null" ? "int32" : args[0]!.type, nullable: args[0]!.nullable };
  },
  round: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], isNumeric, "numeric");
    expectType(what, args[1], isIntegral, "an integer scale");
    return { type: args[0]!.type === "null" ? "float64" : args[0]!.type, nullable: args[0]!.nullable };
  },
  from_unixtime: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], (t) => isNumeric(t) || t === "utf8", "seconds since the epoch");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "utf8", nullable: true };
  },
  unix_timestamp: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "int64", nullable: true };
  },
  to_timestamp: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], (t) => isTemporalOrString(t) || isNumeric(t), "a date, timestamp, string or number");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "timestamp", nullable: true };
  },
  to_date: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "date", nullable: true };
  },
  date_format: (args, what) => {
    arity(what, args, 2);
    expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "utf8", nullable: true };
  },
  year: datePart,
  month: datePart,
  dayofmonth: datePart,
  hour: datePart,
};

type AggregateTyper = (args: readonly TypeInfo[], what: string) => TypeInfo;

const AGGREGATE_TYPES: Readonly<Record<AggregateFunctionName, AggregateTyper>> = {
  count: () => ({ type: "int64", nullable: false }),
  sum: (args, what) => {
    arity(what, args, 1);
    expectType(what, args[0], isNumeric, "numeric");
    const t = args[0]!.type;
    return { type: t === "float64" ? "float64" : "int64", nullable: true };
  },
  avg: (args, what) => {
    arity(what, args, 1);
    expectType(what, args[0], isNumeric, "numeric");
    return { type: "float64", nullable: true };
  },
  min: (args, what) => {
    arity(what, args, 1);
    return { type: args[0]!.type, nullable: true };
  },
  max: (args, what) => {
    arity(what, args, 1);
    return { type: args[0]!.type, nullable: true };
  },
  first: (args, what) => {
    arity(what, args, 1);
    return { type: args[0]!.type, nullable: true };
  },
};

/** Casts Spark allows (non-ANSI): everything to string, numbers/bools/strings among themselves, temporal among themselves and from strings. */
function castable(from: DataType, to: DataType): boolean {
  if (from === to || from === "null" || to === "utf8") return true;
  const num = (t: DataType) => isNumeric(t) || t === "bool";
  if (num(from) && num(to)) return true;
  if (from === "utf8") return to !== "null";
  if ((from === "date" || from === "timestamp") && (to === "date" || to === "timestamp")) return true;
  if (from === "timestamp" && isNumeric(to)) return true;
  if (isNumeric(from) && to === "timestamp") return true;
  return false;
}

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
export function exprChildren(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case "column": case "literal": return [];
    case "binary": return [expr.left, expr.right];
    case "not": case "negate": case "is_null": case "cast": case "alias": return [expr.input];
    case "case": return [...expr.branches.flatMap((b) => [b.when, b.then]), ...(expr.otherwise ? [expr.otherwise] : [])];
    case "in": return [expr.input, ...expr.list];
    case "call": case "aggregate": return expr.args;
  }
}

/** Rebuilds an expression bottom-up with `fn` applied to every node (children first). */
export function transformExpr(expr: Expr, fn: (e: Expr) => Expr): Expr {
  const rebuilt = mapChildren(expr, (c) => transformExpr(c, fn));
  return fn(rebuilt);
}

/** The same node with each direct child replaced by `fn(child)`; returns `expr` itself when nothing changed. */
export function mapChildren(expr: Expr, fn: (e: Expr) => Expr): Expr {
  const f = <T extends Expr>(e: T): T => Object.freeze(e);
  switch (expr.kind) {
    case "column": case "literal": return expr;
    case "binary": {
      const left = fn(expr.left), right = fn(expr.right);
      return left === expr.left && right === expr.right ? expr : f({ ...expr, left, right });
    }
    case "not": case "negate": case "is_null": case "cast": case "alias": {
      const input = fn(expr.input);
      return input === expr.input ? expr : f({ ...expr, input });
    }
    case "case": {
      let changed = false;
      const branches = expr.branches.map((b) => {
        const when = fn(b.when), then = fn(b.then);
        if (when !== b.when || then !== b.then) changed = true;
        return Object.freeze({ when, then });
      });
      const otherwise = expr.otherwise ? fn(expr.otherwise) : null;
      if (otherwise !== expr.otherwise) changed = true;
      return changed ? f({ ...expr, branches: Object.freeze(branches), otherwise }) : expr;
    }
    case "in": {
      const input = fn(expr.input);
      const list = expr.list.map(fn);
      const changed = input !== expr.input || list.some((x, i) => x !== expr.list[i]);
      return changed ? f({ ...expr, input, list: Object.freeze(list) }) : expr;
    }
    case "call": case "aggregate": {
      const args = expr.args.map(fn);
      return args.some((x, i) => x !== expr.args[i]) ? f({ ...expr, args: Object.freeze(args) }) as Expr : expr;
    }
  }
}

/** Whether `pred` holds for `expr` or any sub-expression. */
export function exprExists(expr: Expr, pred: (e: Expr) => boolean): boolean {
  return pred(expr) || exprChildren(expr).some((c) => exprExists(c, pred));
}

/** Names of the columns an expression reads. */
export function columnsOf(expr: Expr, into: Set<string> = new Set()): Set<string> {
  if (expr.kind === "column") into.add(expr.name);
  for (const c of exprChildren(expr)) columnsOf(c, into);
  return into;
}

export function containsAggregate(expr: Expr): boolean {
  return exprExists(expr, (e) => e.kind === "aggregate");
}

/** `a AND (b AND c)` → `[a, b, c]`. */
export function splitConjunction(expr: Expr): Expr[] {
  if (expr.kind === "binary" && expr.op === "and") return [...splitConjunction(expr.left), ...splitConjunction(expr.right)];
  return [expr];
}

/** `[a, b, c]` → `a AND b AND c`, or null when empty. */
export function conjunction(exprs: readonly Expr[]): Expr | null {
  if (exprs.length === 0) return null;
  return exprs.reduce((acc, e) => Object.freeze({ kind: "binary", op: "and", left: acc, right: e }) as Expr);
}

/** Strips a top-level alias. */
export function unalias(expr: Expr): Expr {
  return expr.kind === "alias" ? expr.input : expr;
}
