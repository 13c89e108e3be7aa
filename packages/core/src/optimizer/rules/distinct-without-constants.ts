// distinct-without-constants: a full-row distinct whose reader drops columns that hold one value in
// every row (a filter `c = literal` below it, or a literal projected below it) deduplicates without
// them. Two rows that differ only in a constant column cannot exist, so leaving such a column out of
// the distinct changes no row the reader sees, and spares the distinct's hash table (and a workers
// exchange) a column: here the day's login lines are deduplicated on two integers, not on a string too.
//
//   Project [a_uid]                                  Project [a_uid]
//   +- Distinct                                      +- Distinct
//      +- Filter (a_id = login)                =>       +- Project [a_time, a_uid]
//         +- Scan access [a_time, a_uid, a_id]             +- Filter (a_id = login)
//                                                             +- Scan access [a_time, a_uid, a_id]
//
// Only columns the reader does not read are left out (it still gets every column it names). Kept: a
// filter on a double (0.0 = -0.0, so the column may hold two values) or across types, a
// dropDuplicates on some columns, a distinct read from other places of the plan (computed once for
// all its readers), and a filtered copy of a distinct computed elsewhere (it reads that one).
import { E } from "../../expr/build.js";
import type { Expr } from "../../expr/expr.js";
import { columnsOf, splitConjunction, unalias } from "../../expr/tree.js";
import { Distinct, Project } from "../../plan/nodes/index.js";
import type { LogicalPlan } from "../../plan/plan.js";
import type { DataType, Schema } from "../../types/data-type.js";
import { PlanFingerprints, fullRowDistincts, repeatedDistincts, sharedDistinctBelow } from "../../plan/reuse.js";
import { transformUp } from "../../plan/tree.js";
import type { OptimizerRule } from "../rule.js";

const INTEGERS: ReadonlySet<DataType> = new Set(["int32", "int64"]);

/**
 * The column that `c = literal` (either way round) pins to one value in `s`: the literal not null,
 * of the column's own type (or both integers). Not a double (0.0 = -0.0), and not a string compared
 * with a date or timestamp: the string is what is cast, and many spellings parse to one date.
 */
function pinnedColumn(e: Expr, s: Schema): string | null {
  if (e.kind !== "binary" || e.op !== "=") return null;
  const pinned = (c: Expr, l: Expr) => {
    if (c.kind !== "column" || l.kind !== "literal" || l.value === null) return null;
    const type = s.fields.find((f) => f.name === c.name)?.type;
    const same = type === l.type || (type !== undefined && INTEGERS.has(type) && INTEGERS.has(l.type));
    return same && type !== "float64" && type !== "null" ? c.name : null;
  };
  return pinned(e.left, e.right) ?? pinned(e.right, e.left);
}

/** Columns of `p`'s output that hold the same non-null value in every row, as far as filters and projections show. */
function constantColumns(p: LogicalPlan): Set<string> {
  switch (p.kind) {
    case "filter": {
      const found = constantColumns(p.input);
      for (const c of splitConjunction(p.predicate)) {
        const name = pinnedColumn(c, p.input.schema);
        if (name !== null) found.add(name);
      }
      return found;
    }
    case "scan": {
      // Pushed filters are applied exactly by every executor's scan (the source may only use them to skip data).
      const found = new Set<string>();
      for (const f of p.filters) {
        const name = pinnedColumn(f, p.source.schema);
        if (name !== null) found.add(name);
      }
      return found;
    }
    case "project": {
      const below = constantColumns(p.input);
      const found = new Set<string>();
      p.exprs.forEach((e, i) => {
        const inner = unalias(e);
        if ((inner.kind === "column" && below.has(inner.name)) || (inner.kind === "literal" && inner.value !== null)) found.add(p.schema.fields[i]!.name);
      });
      return found;
    }
    default:
      return new Set();
  }
}

export const distinctWithoutConstants: OptimizerRule = {
  name: "distinct-without-constants",
  rewrite(plan) {
    const fingerprints = new PlanFingerprints();
    const shared = repeatedDistincts(plan, fingerprints);
    const distincts = fullRowDistincts(plan, fingerprints);
    const r = transformUp(plan, (node) => {
      if (node.kind !== "project" || node.input.kind !== "distinct") return { node, transformed: false };
      const distinct = node.input;
      if (distinct.columns !== null || shared(distinct)) return { node, transformed: false };
      // A filtered copy of a distinct computed elsewhere reads that one instead (filterAfterSharedDistinct,
      // when sub-plans are reused): cheaper than deduplicating again, even on fewer columns.
      if (sharedDistinctBelow(distinct, distincts, fingerprints) !== undefined) return { node, transformed: false };
      const names = distinct.schema.fields.map((f) => f.name);
      // Duplicate names (after a join) cannot be projected apart.
      if (new Set(names).size !== names.length) return { node, transformed: false };
      const read = new Set<string>();
      node.exprs.forEach((e) => columnsOf(e, read));
      const constants = constantColumns(distinct.input);
      const kept = names.filter((n) => read.has(n) || !constants.has(n));
      if (kept.length === names.length || kept.length === 0) return { node, transformed: false };
      const narrowed = Distinct.create(Project.create(distinct.input, kept.map((n) => E.column(n))), null);
      return { node: Project.create(narrowed, node.exprs), transformed: true };
    });
    return { plan: r.node, transformed: r.transformed };
  },
};
