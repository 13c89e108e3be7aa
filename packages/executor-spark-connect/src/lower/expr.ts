// Lowers our expressions to Spark Connect expressions: attributes, typed literals, functions by
// Spark's own names, alias, cast and sort orders.
import type { BinaryOp, Expr, Literal, SortOrder } from "@lgde/core";
import type { ExprMsg, LiteralMsg, SortOrderMsg } from "./messages.js";
import { dataTypeMsg, quoteIdentifier } from "./types.js";
import { SparkLoweringError } from "./errors.js";

/** Spark's registered function name for each binary operator (`!=` is lowered as `not(==)`). */
const BINARY_FUNCTION: Readonly<Record<Exclude<BinaryOp, "!=">, string>> = Object.freeze({
  "+": "+", "-": "-", "*": "*", "/": "/", "%": "%",
  "=": "==", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "<=>": "<=>",
  and: "and", or: "or",
});

function fn(functionName: string, args: readonly ExprMsg[], isDistinct = false): ExprMsg {
  return { unresolvedFunction: isDistinct ? { functionName, arguments: args, isDistinct } : { functionName, arguments: args } };
}

function literalMsg(e: Literal): LiteralMsg {
  const v = e.value;
  if (v === null) return { null: dataTypeMsg(e.type) };
  const bad = (): never => {
    throw new SparkLoweringError(`literal ${JSON.stringify(v)}`, `a ${typeof v} value does not fit its type ${e.type}`);
  };
  switch (e.type) {
    case "int32": return typeof v === "number" ? { integer: v } : bad();
    case "int64": return typeof v === "number" || typeof v === "string" ? { long: v } : bad();
    case "float64": return typeof v === "number" ? { double: v } : bad();
    case "utf8": return typeof v === "string" ? { string: v } : bad();
    case "bool": return typeof v === "boolean" ? { boolean: v } : bad();
    case "date": return typeof v === "number" ? { date: v } : bad();
    case "timestamp": return typeof v === "number" || typeof v === "string" ? { timestamp: v } : bad();
    case "null": return { null: dataTypeMsg("null") };
  }
}

function literal(value: LiteralMsg): ExprMsg {
  return { literal: value };
}

/** A column reference; the name is quoted so that dots and spaces are not parsed as nesting. */
export function attribute(name: string): ExprMsg {
  return { unresolvedAttribute: { unparsedIdentifier: quoteIdentifier(name) } };
}

/** Lowers one expression. */
export function lowerExpr(e: Expr): ExprMsg {
  switch (e.kind) {
    case "column": return attribute(e.name);
    case "literal": return literal(literalMsg(e));
    case "binary": {
      const l = lowerExpr(e.left);
      const r = lowerExpr(e.right);
      if (e.op === "!=") return fn("not", [fn("==", [l, r])]);
      return fn(BINARY_FUNCTION[e.op], [l, r]);
    }
    case "not": return fn("not", [lowerExpr(e.input)]);
    case "negate": return fn("negative", [lowerExpr(e.input)]);
    case "is_null": return fn(e.negated ? "isnotnull" : "isnull", [lowerExpr(e.input)]);
    case "cast": return { cast: { expr: lowerExpr(e.input), type: dataTypeMsg(e.to) } };
    case "case": {
      // Spark Connect's CASE WHEN is the function `when(c1, v1, c2, v2, ..., [else])`.
      const args = e.branches.flatMap((b) => [lowerExpr(b.when), lowerExpr(b.then)]);
      if (e.otherwise !== null) args.push(lowerExpr(e.otherwise));
      return fn("when", args);
    }
    case "in": return fn("in", [lowerExpr(e.input), ...e.list.map(lowerExpr)]);
    case "call": return fn(e.fn, e.args.map(lowerExpr));
    case "alias": return { alias: { expr: lowerExpr(e.input), name: [e.name] } };
    case "aggregate": {
      // count() is count(*): Spark's count(1).
      const args = e.fn === "count" && e.args.length === 0 ? [literal({ integer: 1 })] : e.args.map(lowerExpr);
      if (e.fn === "first") return fn("first", [...args, literal({ boolean: e.ignoreNulls })], e.distinct);
      return fn(e.fn, args, e.distinct);
    }
  }
}

/**
 * Lowers an output expression so that Spark names it exactly as our schema does (`name`): a bare
 * column of that name stays an attribute, anything else gets `AS name`. Spark's automatic names
 * differ from ours in places (e.g. literals, `count(1)`), and parents refer to columns by name.
 */
export function lowerNamed(e: Expr, name: string): ExprMsg {
  if (e.kind === "column" && e.name === name) return attribute(name);
  const inner = e.kind === "alias" ? e.input : e;
  return { alias: { expr: lowerExpr(inner), name: [name] } };
}

export function lowerSortOrder(o: SortOrder): SortOrderMsg {
  return {
    child: lowerExpr(o.expr),
    direction: o.ascending ? "SORT_DIRECTION_ASCENDING" : "SORT_DIRECTION_DESCENDING",
    nullOrdering: o.nullsFirst ? "SORT_NULLS_FIRST" : "SORT_NULLS_LAST",
  };
}
