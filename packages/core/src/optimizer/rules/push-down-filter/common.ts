// Helpers shared by the push-down-filter files: splitting a predicate into what moves and what stays.
import { E } from "../../../expr/build.js";
import type { Expr } from "../../../expr/expr.js";
import { conjunction, splitConjunction } from "../../../expr/resolve.js";
import { Filter } from "../../../plan/nodes/index.js";
import type { FilterNode, LogicalPlan } from "../../../plan/plan.js";
import type { DataType, Schema } from "../../../types/data-type.js";
import { isDeterministic } from "../../expr-utils.js";

/** The filter's conjuncts split by `canPush`; non-deterministic conjuncts always stay. */
export function partition(filter: FilterNode, canPush: (conjunct: Expr) => boolean): { pushed: Expr[]; kept: Expr[] } {
  const pushed: Expr[] = [];
  const kept: Expr[] = [];
  for (const c of splitConjunction(filter.predicate)) (isDeterministic(c) && canPush(c) ? pushed : kept).push(c);
  return { pushed, kept };
}

/** `input` filtered by the conjuncts, or `input` itself when there are none. */
export function filtered(input: LogicalPlan, conjuncts: readonly Expr[]): LogicalPlan {
  const predicate = conjunction(conjuncts);
  return predicate === null ? input : Filter.create(input, predicate);
}

/**
 * For positional operators (union, except): maps each output column name to the input's column at
 * the same position, cast to the output's type where the input's is narrower. Undefined when names
 * repeat, since a repeated name cannot be referred to.
 */
export function positionalMapping(output: Schema, input: Schema): Map<string, Expr> | undefined {
  const names = new Set(output.fields.map((f) => f.name));
  const inputNames = new Set(input.fields.map((f) => f.name));
  if (names.size !== output.fields.length || inputNames.size !== input.fields.length) return undefined;
  return new Map(output.fields.map((f, i) => {
    const source = input.fields[i]!;
    return [f.name, castIfNeeded(E.column(source.name), source.type, f.type)];
  }));
}

export function castIfNeeded(e: Expr, from: DataType, to: DataType): Expr {
  return from === to ? e : E.cast(e, to);
}
