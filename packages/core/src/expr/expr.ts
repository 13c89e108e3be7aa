// Expressions as frozen plain data with a `kind`: JSON-safe, comparable, shippable to workers.
import type { DataType } from "../types/data-type.js";

/** A literal's value in plan data. int64 literals beyond 2^53 are kept as decimal strings; timestamps as epoch microseconds; dates as days since epoch. */
export type LiteralValue = number | string | boolean | null;

export type ArithmeticOp = "+" | "-" | "*" | "/" | "%";
export type ComparisonOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "<=>";
export type LogicalOp = "and" | "or";
export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp;

/**
 * Scalar functions by Spark's own names. The executor keeps a `Record<ScalarFunctionName, Kernel>`,
 * so a new name fails to compile until every executor implements it.
 * - coalesce(a, b, ...), concat(a, b, ...) (null if any arg null), lower(s), upper(s), trim(s), length(s)
 * - substring(s, pos, len) with Spark's 1-based pos (negative counts from the end)
 * - abs(x), round(x, scale)
 * - from_unixtime(seconds, pattern) → utf8, in the session zone
 * - unix_timestamp(s, pattern) → int64 seconds, parsing in the session zone
 * - to_timestamp(s, pattern?) → timestamp; to_date(s | timestamp, pattern?) → date
 * - date_format(ts | date, pattern) → utf8, in the session zone
 * - year(d), month(d), dayofmonth(d), hour(ts) → int32
 * Patterns are Spark datetime patterns (yyyy, MM, dd, HH, mm, ss, SSS, ...).
 */
export type ScalarFunctionName =
  | "coalesce" | "concat" | "lower" | "upper" | "trim" | "length" | "substring"
  | "abs" | "round"
  | "from_unixtime" | "unix_timestamp" | "to_timestamp" | "to_date" | "date_format"
  | "year" | "month" | "dayofmonth" | "hour";

/** Aggregate functions. `count` with no args is `count(*)`; `distinct` makes `countDistinct` (and `sum(DISTINCT)`). */
export type AggregateFunctionName = "count" | "sum" | "avg" | "min" | "max" | "first";

export interface ColumnRef { readonly kind: "column"; readonly name: string }
export interface Literal { readonly kind: "literal"; readonly value: LiteralValue; readonly type: DataType }
export interface Binary { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
export interface Not { readonly kind: "not"; readonly input: Expr }
export interface Negate { readonly kind: "negate"; readonly input: Expr }
export interface IsNull { readonly kind: "is_null"; readonly input: Expr; readonly negated: boolean }
export interface Cast { readonly kind: "cast"; readonly input: Expr; readonly to: DataType }
export interface CaseWhen {
  readonly kind: "case";
  readonly branches: readonly { readonly when: Expr; readonly then: Expr }[];
  /** null means `otherwise(null)` */
  readonly otherwise: Expr | null;
}
export interface In { readonly kind: "in"; readonly input: Expr; readonly list: readonly Expr[] }
export interface ScalarCall { readonly kind: "call"; readonly fn: ScalarFunctionName; readonly args: readonly Expr[] }
export interface Alias { readonly kind: "alias"; readonly input: Expr; readonly name: string }
export interface AggregateCall {
  readonly kind: "aggregate";
  readonly fn: AggregateFunctionName;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  /** for `first`: skip nulls (Spark's ignorenulls) */
  readonly ignoreNulls: boolean;
}

/** Every expression. Switches over `kind` must be exhaustive (no `default:`). */
export type Expr =
  | ColumnRef | Literal | Binary | Not | Negate | IsNull | Cast | CaseWhen | In | ScalarCall | Alias | AggregateCall;

export type ExprKind = Expr["kind"];

/** A sort key: Spark's defaults are nulls first for ascending, nulls last for descending. */
export interface SortOrder {
  readonly expr: Expr;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}
