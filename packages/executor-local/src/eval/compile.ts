// Compiles logical expressions to physical ones: resolves columns to indices, types every node
// by Spark's rules and inserts the implicit casts (numeric widening, null adapting, date → timestamp).
import { AnalysisError, commonType, exprName, isNumeric, resolveColumn } from "@lgde/core";
import type { DataType, Expr, ScalarFunctionName, Schema } from "@lgde/core";
import type { PExpr } from "./pexpr.js";

/** What an expression is compiled against; `substitute` replaces whole sub-expressions (aggregate outputs, group keys). */
export interface CompileScope {
  readonly schema: Schema;
  readonly substitute?: (e: Expr) => PExpr | undefined;
}

/** Casts `e` to `to` unless it already has that type. */
export function castTo(e: PExpr, to: DataType): PExpr {
  if (e.type === to) return e;
  if (e.kind === "literal" && e.value === null) return { kind: "literal", value: null, type: to };
  // Widening an integer literal keeps its value: typed once here rather than cast in every batch
  // (`coalesce(x, 0)` over an int64 column).
  if (e.kind === "literal" && e.type === "int32" && (to === "int64" || to === "float64")) return { kind: "literal", value: e.value, type: to };
  return { kind: "cast", input: e, type: to };
}

function unify(a: DataType, b: DataType, what: string): DataType {
  if (a === b) return a;
  // Spark compares a string with a date/timestamp/number by casting the string.
  if (a === "utf8" && b !== "null" && b !== "bool") return b;
  if (b === "utf8" && a !== "null" && a !== "bool") return a;
  return commonType(a, b, what);
}

type CallCompiler = (args: PExpr[], what: string) => { args: PExpr[]; type: DataType };

const str = (x: string): PExpr => ({ kind: "literal", value: x, type: "utf8" });
const DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

function argsOfType(args: PExpr[], types: readonly DataType[]): PExpr[] {
  return args.map((a, i) => castTo(a, types[Math.min(i, types.length - 1)]!));
}

/** Per-function argument coercion and result type. */
const CALLS: Readonly<Record<ScalarFunctionName, CallCompiler>> = {
  coalesce: (args, what) => {
    const t = args.reduce<DataType>((acc, a) => unify(acc, a.type, what), "null");
    return { args: args.map((a) => castTo(a, t)), type: t };
  },
  concat: (args) => ({ args: args.map((a) => castTo(a, "utf8")), type: "utf8" }),
  lower: (args) => ({ args: argsOfType(args, ["utf8"]), type: "utf8" }),
  upper: (args) => ({ args: argsOfType(args, ["utf8"]), type: "utf8" }),
  trim: (args) => ({ args: argsOfType(args, ["utf8"]), type: "utf8" }),
  length: (args) => ({ args: argsOfType(args, ["utf8"]), type: "int32" }),
  substring: (args) => {
    const a = argsOfType(args, ["utf8", "int32", "int32"]);
    if (a.length === 2) a.push({ kind: "literal", value: 2147483647, type: "int32" });
    return { args: a, type: "utf8" };
  },
  abs: (args) => {
    const t = args[0]!.type === "null" ? "int32" : args[0]!.type;
    return { args: [castTo(args[0]!, t)], type: t };
  },
  round: (args) => {
    const t = args[0]!.type === "null" ? "float64" : args[0]!.type;
    const scale = args[1] ? castTo(args[1], "int32") : { kind: "literal" as const, value: 0, type: "int32" as const };
    return { args: [castTo(args[0]!, t), scale], type: t };
  },
  from_unixtime: (args) => ({ args: [castTo(args[0]!, "int64"), args[1] ? castTo(args[1], "utf8") : str(DEFAULT_PATTERN)], type: "utf8" }),
  unix_timestamp: (args) => {
    const a0 = args[0]!.type === "null" ? castTo(args[0]!, "utf8") : args[0]!;
    return { args: [a0, args[1] ? castTo(args[1], "utf8") : str(DEFAULT_PATTERN)], type: "int64" };
  },
  to_timestamp: (args) => {
    const a0 = args[0]!.type === "null" ? castTo(args[0]!, "utf8") : args[0]!;
    return { args: args[1] ? [a0, castTo(args[1], "utf8")] : [a0], type: "timestamp" };
  },
  to_date: (args) => {
    const a0 = args[0]!.type === "null" ? castTo(args[0]!, "utf8") : args[0]!;
    return { args: args[1] ? [a0, castTo(args[1], "utf8")] : [a0], type: "date" };
  },
  date_format: (args) => {
    const a0 = args[0]!.type === "date" ? args[0]! : castTo(args[0]!, "timestamp");
    return { args: [a0, castTo(args[1]!, "utf8")], type: "utf8" };
  },
  year: (args) => ({ args: [castTo(args[0]!, "date")], type: "int32" }),
  month: (args) => ({ args: [castTo(args[0]!, "date")], type: "int32" }),
  dayofmonth: (args) => ({ args: [castTo(args[0]!, "date")], type: "int32" }),
  hour: (args) => ({ args: [castTo(args[0]!, "timestamp")], type: "int32" }),
};

const ARITH = new Set(["+", "-", "*", "/", "%"]);

/** Compiles `e` against `scope`; unknown columns and aggregates outside an aggregation are AnalysisErrors. */
export function compileExpr(e: Expr, scope: CompileScope): PExpr {
  const sub = scope.substitute?.(e);
  if (sub) return sub;
  const c = (x: Expr): PExpr => compileExpr(x, scope);
  switch (e.kind) {
    case "column": {
      const index = resolveColumn(scope.schema, e.name);
      return { kind: "column", index, name: e.name, type: scope.schema.fields[index]!.type };
    }
    case "literal": return { kind: "literal", value: e.value, type: e.type };
    case "alias": return c(e.input);
    case "binary": {
      const l = c(e.left), r = c(e.right);
      const what = exprName(e);
      if (e.op === "and" || e.op === "or") return { kind: "binary", op: e.op, left: castTo(l, "bool"), right: castTo(r, "bool"), type: "bool" };
      if (ARITH.has(e.op)) {
        let t: DataType = e.op === "/" ? "float64" : unify(l.type, r.type, what);
        if (t === "null" || !isNumeric(t)) t = t === "null" ? "int32" : t;
        return { kind: "binary", op: e.op, left: castTo(l, t), right: castTo(r, t), type: t };
      }
      let t = unify(l.type, r.type, what);
      if (t === "null") t = "int32";
      return { kind: "binary", op: e.op, left: castTo(l, t), right: castTo(r, t), type: "bool" };
    }
    case "not": return { kind: "not", input: castTo(c(e.input), "bool"), type: "bool" };
    case "negate": {
      const x = c(e.input);
      const t = x.type === "null" ? "int32" : x.type;
      return { kind: "negate", input: castTo(x, t), type: t };
    }
    case "is_null": return { kind: "is_null", input: c(e.input), negated: e.negated, type: "bool" };
    case "cast": return castTo(c(e.input), e.to);
    case "case": {
      const what = exprName(e);
      const branches = e.branches.map((b) => ({ when: castTo(c(b.when), "bool"), then: c(b.then) }));
      const otherwise = e.otherwise ? c(e.otherwise) : null;
      let t: DataType = "null";
      for (const b of branches) t = unify(t, b.then.type, what);
      if (otherwise) t = unify(t, otherwise.type, what);
      return { kind: "case", branches: branches.map((b) => ({ when: b.when, then: castTo(b.then, t) })), otherwise: otherwise ? castTo(otherwise, t) : null, type: t };
    }
    case "in": {
      const what = exprName(e);
      const x = c(e.input);
      const list = e.list.map(c);
      let t = x.type;
      for (const it of list) t = unify(t, it.type, what);
      if (t === "null") t = "int32";
      return { kind: "in", input: castTo(x, t), list: list.map((it) => castTo(it, t)), type: "bool" };
    }
    case "call": {
      const compiled = CALLS[e.fn](e.args.map(c), exprName(e));
      return { kind: "call", fn: e.fn, args: compiled.args, type: compiled.type };
    }
    case "aggregate":
      throw new AnalysisError(`aggregate ${exprName(e)} is only allowed in groupBy().agg() or agg()`);
  }
}
