// Frozen factories for expression nodes; every Expr in a plan is built here.
import { AnalysisError } from "../errors.js";
import type { DataType } from "../types/data-type.js";
import type {
  AggregateCall, AggregateFunctionName, Alias, Binary, BinaryOp, CaseWhen, Cast, ColumnRef, Expr,
  In, IsNull, Literal, LiteralValue, Negate, Not, ScalarCall, ScalarFunctionName, SortOrder,
} from "./expr.js";

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The type Spark gives a JavaScript literal: int for 32-bit integers, bigint for larger ones, double otherwise. */
export function literalTypeOf(value: LiteralValue | Date | bigint): DataType {
  if (value === null) return "null";
  if (value instanceof Date) return "timestamp";
  switch (typeof value) {
    case "bigint": return "int64";
    case "boolean": return "bool";
    case "string": return "utf8";
    case "number":
      if (Number.isInteger(value)) return value >= INT32_MIN && value <= INT32_MAX ? "int32" : "int64";
      return "float64";
  }
}

/** Expression node factories. */
export const E = Object.freeze({
  column(name: string): ColumnRef {
    return Object.freeze({ kind: "column", name });
  },
  /** A literal; Dates become timestamps (epoch microseconds), bigints int64 (a decimal string beyond 2^53). */
  literal(value: LiteralValue | Date | bigint, type?: DataType): Literal {
    const t = type ?? literalTypeOf(value);
    let v: LiteralValue;
    if (value instanceof Date) {
      if (t === "date") v = Math.floor(value.getTime() / 86_400_000);
      else v = value.getTime() * 1000;
    } else if (typeof value === "bigint") {
      v = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    } else {
      v = value;
    }
    if (typeof v === "number" && !Number.isFinite(v) && t !== "float64") {
      throw new AnalysisError(`literal ${String(v)} is not a valid ${t}`);
    }
    return Object.freeze({ kind: "literal", value: v, type: t });
  },
  binary(op: BinaryOp, left: Expr, right: Expr): Binary {
    return Object.freeze({ kind: "binary", op, left, right });
  },
  not(input: Expr): Not {
    return Object.freeze({ kind: "not", input });
  },
  negate(input: Expr): Negate {
    return Object.freeze({ kind: "negate", input });
  },
  isNull(input: Expr, negated = false): IsNull {
    return Object.freeze({ kind: "is_null", input, negated });
  },
  cast(input: Expr, to: DataType): Cast {
    return Object.freeze({ kind: "cast", input, to });
  },
  caseWhen(branches: readonly { when: Expr; then: Expr }[], otherwise: Expr | null): CaseWhen {
    return Object.freeze({
      kind: "case",
      branches: Object.freeze(branches.map((b) => Object.freeze({ when: b.when, then: b.then }))),
      otherwise,
    });
  },
  in(input: Expr, list: readonly Expr[]): In {
    return Object.freeze({ kind: "in", input, list: Object.freeze([...list]) });
  },
  call(fn: ScalarFunctionName, args: readonly Expr[]): ScalarCall {
    return Object.freeze({ kind: "call", fn, args: Object.freeze([...args]) });
  },
  alias(input: Expr, name: string): Alias {
    return Object.freeze({ kind: "alias", input, name });
  },
  aggregate(
    fn: AggregateFunctionName,
    args: readonly Expr[],
    options: { distinct?: boolean; ignoreNulls?: boolean } = {},
  ): AggregateCall {
    return Object.freeze({
      kind: "aggregate", fn, args: Object.freeze([...args]),
      distinct: options.distinct ?? false, ignoreNulls: options.ignoreNulls ?? false,
    });
  },
  sortOrder(expr: Expr, ascending = true, nullsFirst?: boolean): SortOrder {
    return Object.freeze({ expr, ascending, nullsFirst: nullsFirst ?? ascending });
  },
});
