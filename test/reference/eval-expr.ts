// Row-at-a-time evaluation of expressions with Spark SQL semantics: three-valued logic, null propagation.
import type { DataType, Expr, Schema, Value } from "@lgde/core";
import { evalAggregate } from "./aggregate.js";
import { castValue, wrap32 } from "./cast.js";
import { callFunction } from "./functions.js";
import { compareValues, type Row } from "./rows.js";
import { columnIndex, typeOf } from "./types.js";

/** What an expression sees: the row's schema, the session zone, and for aggregates the group's rows. */
export interface EvalContext {
  readonly schema: Schema;
  readonly timeZone: string;
  /** The rows of the current group, when evaluating an aggregate's output expressions. */
  readonly group?: readonly Row[];
}

/** A literal's value as a row value (timestamps are epoch micros and dates epoch days in plans). */
export function literalValue(value: string | number | boolean | null, type: DataType): Value {
  if (value === null) return null;
  switch (type) {
    case "timestamp": return new Date(Number(value) / 1000);
    case "date": return new Date(Number(value) * 86_400_000);
    case "int64": return Number(value);
    case "int32": case "float64": case "utf8": case "bool": case "null":
      return value;
  }
}

function arithmetic(op: "+" | "-" | "*" | "/" | "%", a: number, b: number, type: DataType): Value {
  if (op === "/") return b === 0 ? null : a / b;
  if (op === "%" && b === 0) return null;
  let r: number;
  switch (op) {
    case "+": r = a + b; break;
    case "-": r = a - b; break;
    case "*": r = a * b; break;
    case "%": r = a % b; break;
  }
  if (type === "int32") return wrap32(r);
  if (type === "int64" && Object.is(r, -0)) return 0;
  return r;
}

function and(a: Value, b: Value): Value {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

function or(a: Value, b: Value): Value {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

/** Evaluates `e` against one row. */
export function evalExpr(e: Expr, row: Row, ctx: EvalContext): Value {
  switch (e.kind) {
    case "column": return row[columnIndex(ctx.schema, e.name)] ?? null;
    case "literal": return literalValue(e.value, e.type);
    case "alias": return evalExpr(e.input, row, ctx);
    case "binary": {
      const a = evalExpr(e.left, row, ctx);
      const b = evalExpr(e.right, row, ctx);
      switch (e.op) {
        case "and": return and(a, b);
        case "or": return or(a, b);
        case "<=>":
          if (a === null || b === null) return a === null && b === null;
          return compareValues(a, b) === 0;
        case "=": case "!=": case "<": case "<=": case ">": case ">=": {
          if (a === null || b === null) return null;
          const c = compareValues(a, b);
          return e.op === "=" ? c === 0 : e.op === "!=" ? c !== 0 : e.op === "<" ? c < 0
            : e.op === "<=" ? c <= 0 : e.op === ">" ? c > 0 : c >= 0;
        }
        case "+": case "-": case "*": case "/": case "%":
          if (a === null || b === null) return null;
          return arithmetic(e.op, Number(a), Number(b), typeOf(e, ctx.schema));
      }
      break;
    }
    case "not": {
      const v = evalExpr(e.input, row, ctx);
      return v === null ? null : !v;
    }
    case "negate": {
      const v = evalExpr(e.input, row, ctx);
      if (v === null) return null;
      const t = typeOf(e, ctx.schema);
      if (t === "int32") return wrap32(-Number(v));
      if (t === "int64") return v === 0 ? 0 : -Number(v);
      return -Number(v);
    }
    case "is_null": {
      const isNull = evalExpr(e.input, row, ctx) === null;
      return e.negated ? !isNull : isNull;
    }
    case "cast":
      return castValue(evalExpr(e.input, row, ctx), typeOf(e.input, ctx.schema), e.to, ctx.timeZone);
    case "case": {
      for (const b of e.branches) {
        if (evalExpr(b.when, row, ctx) === true) return evalExpr(b.then, row, ctx);
      }
      return e.otherwise ? evalExpr(e.otherwise, row, ctx) : null;
    }
    case "in": {
      const v = evalExpr(e.input, row, ctx);
      if (v === null) return null;
      let sawNull = false;
      for (const item of e.list) {
        const w = evalExpr(item, row, ctx);
        if (w === null) sawNull = true;
        else if (compareValues(v, w) === 0) return true;
      }
      return sawNull ? null : false;
    }
    case "call": {
      const t = typeOf(e, ctx.schema);
      return callFunction(e.fn, e.args.map((a) => evalExpr(a, row, ctx)), e.args.map((a) => typeOf(a, ctx.schema)), t, ctx.timeZone);
    }
    case "aggregate": {
      if (!ctx.group) throw new Error(`reference: aggregate ${e.fn} outside an aggregation`);
      return evalAggregate(e, ctx.group, ctx);
    }
  }
}

