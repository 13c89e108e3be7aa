// Filter over Join, and single-side conjuncts of the join condition, moved into the join's inputs.
//
//   Filter ((a > 1) AND (y = 2))         Join inner, (k = y)
//   +- Join inner, (k = y)         =>    :- Filter (a > 1)
//      :- Scan l [k, a]                  :  +- Scan l [k, a]
//      +- Scan r [y]                     +- Filter (y = 2)
//                                           +- Scan r [y]
//
// Which side may receive a WHERE conjunct (above the join) depends on the join type:
// - inner / cross: either side; a conjunct on `using` keys goes to both; one reading both sides
//   becomes part of the join condition (a cross join turns into an inner join).
// - left: only left-side conjuncts. A WHERE on right columns must stay above: pushing it would keep
//   the unmatched left rows (with nulls) that the WHERE removes.
// - right: mirror of left. semi / anti: the output is the left side, so everything goes left.
// - full: nothing moves.
// Conjuncts of the ON condition move when that cannot change which rows match or survive: into
// either side for inner and semi, into the non-preserved side for left / right / anti.
import { E } from "../../../expr/build.js";
import type { Expr } from "../../../expr/expr.js";
import { columnsOf, conjunction, splitConjunction } from "../../../expr/resolve.js";
import { Join, joinSchema } from "../../../plan/nodes/index.js";
import type { FilterNode, JoinNode, JoinType, LogicalPlan } from "../../../plan/plan.js";
import type { Schema } from "../../../types/data-type.js";
import { isDeterministic, substituteColumns } from "../../expr-utils.js";
import { castIfNeeded, filtered } from "./common.js";

type Side = "left" | "right";

/** Where each column name a conjunct may read comes from. */
interface Origins {
  readonly keys: ReadonlySet<string>;
  readonly left: ReadonlySet<string>;
  readonly right: ReadonlySet<string>;
}

function origins(join: JoinNode): Origins {
  const keys = new Set(join.using);
  const names = (s: Schema) => new Set(s.fields.map((f) => f.name).filter((n) => !keys.has(n)));
  return { keys, left: names(join.left.schema), right: names(join.right.schema) };
}

/** The sides whose columns a conjunct reads: a subset of left, right, and whether it reads keys. */
function reads(c: Expr, o: Origins): { left: boolean; right: boolean; keys: boolean } {
  let left = false, right = false, keys = false;
  for (const n of columnsOf(c)) {
    if (o.keys.has(n)) keys = true;
    else if (o.left.has(n)) left = true;
    else if (o.right.has(n)) right = true;
  }
  return { left, right, keys };
}

/** Rewrites a conjunct over the join's columns to one over `side`'s: key columns are cast to the key type. */
function toSide(c: Expr, side: Side, join: JoinNode): Expr {
  if (join.using.length === 0) return c;
  const keySchema = joinSchema(join.left.schema, join.right.schema, "inner", join.using);
  const input = side === "left" ? join.left.schema : join.right.schema;
  const mapping = new Map<string, Expr>();
  for (const k of join.using) {
    const from = input.fields.find((f) => f.name === k)!.type;
    const to = keySchema.fields.find((f) => f.name === k)!.type;
    mapping.set(k, castIfNeeded(E.column(k), from, to));
  }
  return substituteColumns(c, mapping);
}

/** Sides a WHERE conjunct may move into; `undefined` when it must stay; "on" to join the condition. */
function whereTarget(how: JoinType, r: { left: boolean; right: boolean; keys: boolean }): Side[] | "on" | undefined {
  const none = !r.left && !r.right && !r.keys;
  switch (how) {
    case "inner":
    case "cross":
      if (none) return undefined;
      if (r.left && r.right) return "on";
      if (r.left) return ["left"];
      if (r.right) return ["right"];
      return ["left", "right"];
    case "left":
    case "semi":
    case "anti":
      return !none && !r.right ? ["left"] : undefined;
    case "right":
      return !none && !r.left ? ["right"] : undefined;
    case "full":
      return undefined;
  }
}

/** Sides an ON conjunct may move into, or `undefined` when it must stay in the condition. */
function onTarget(how: JoinType, r: { left: boolean; right: boolean; keys: boolean }): Side | undefined {
  if ((r.left && r.right) || (!r.left && !r.right && !r.keys)) return undefined;
  // Key-only conjuncts see equal key values on both sides of a matching pair.
  const leftOnly = r.left || (!r.right && r.keys);
  const rightOnly = r.right || (!r.left && r.keys);
  switch (how) {
    case "inner":
    case "semi":
      return leftOnly ? "left" : "right";
    case "left":
    case "anti":
      return rightOnly ? "right" : undefined;
    case "right":
      return leftOnly ? "left" : undefined;
    case "full":
    case "cross":
      return undefined;
  }
}

export function pushIntoJoin(filter: FilterNode | null, join: JoinNode): LogicalPlan | undefined {
  const o = origins(join);
  const toLeft: Expr[] = [], toRight: Expr[] = [], toOn: Expr[] = [], kept: Expr[] = [];
  const send = (c: Expr, sides: readonly Side[]) => {
    for (const s of sides) (s === "left" ? toLeft : toRight).push(toSide(c, s, join));
  };
  for (const c of filter === null ? [] : splitConjunction(filter.predicate)) {
    const target = isDeterministic(c) ? whereTarget(join.how, reads(c, o)) : undefined;
    if (target === undefined) kept.push(c);
    else if (target === "on") toOn.push(c);
    else send(c, target);
  }
  const onKept: Expr[] = [];
  for (const c of join.on === null ? [] : splitConjunction(join.on)) {
    const target = isDeterministic(c) ? onTarget(join.how, reads(c, o)) : undefined;
    if (target === undefined) onKept.push(c);
    else send(c, [target]);
  }
  if (toLeft.length === 0 && toRight.length === 0 && toOn.length === 0) return undefined;
  const how: JoinType = join.how === "cross" && toOn.length > 0 ? "inner" : join.how;
  let on = conjunction([...onKept, ...toOn]);
  // A condition whose conjuncts all moved into the sides becomes `true`, so the join stays an equi/theta join kind.
  if (on === null && join.on !== null && join.using.length === 0) on = E.literal(true, "bool");
  const rebuilt = Join.create(filtered(join.left, toLeft), filtered(join.right, toRight), how, on, join.using);
  return filtered(rebuilt, kept);
}
