// The physical plan as an indented tree, one operator per line.
import { pexprText } from "./eval/pexpr.js";
import type { PhysicalKind, PhysicalPlan } from "./physical-plan.js";
import { physicalChildren } from "./physical-plan.js";

type Describer<K extends PhysicalKind> = (p: Extract<PhysicalPlan, { kind: K }>) => string;

const names = (p: PhysicalPlan) => p.schema.fields.map((f) => f.name).join(", ");

const DESCRIBE: { readonly [K in PhysicalKind]: Describer<K> } = {
  scan: (p) => `Scan ${p.source.description} [${names(p)}]${p.predicate ? ` filter=${pexprText(p.predicate)}` : ""}`,
  values: (p) => `Values [${names(p)}] (${p.batches.reduce((n, b) => n + b.numRows, 0)} rows)`,
  project: (p) => `Project [${p.exprs.map((e, i) => `${pexprText(e)} AS ${p.schema.fields[i]!.name}`).join(", ")}]`,
  filter: (p) => `Filter ${pexprText(p.predicate)}${p.columns === null ? "" : p.columns.length === 0 ? " [keeps no column]" : ` [keeps ${names(p)}]`}`,
  "hash-aggregate": (p) =>
    `HashAggregate keys=[${p.groupBy.map(pexprText).join(", ")}] aggregates=[${p.aggregates
      .map((a) => `${a.fn}(${a.distinct ? "DISTINCT " : ""}${a.args.map(pexprText).join(", ")})`).join(", ")}]`,
  "hash-join": (p) => {
    const keys = p.leftKeys.map((k, i) => `${pexprText(k)} ${p.nullSafe[i] ? "<=>" : "="} ${pexprText(p.rightKeys[i]!)}`);
    const kind = keys.length > 0 ? "HashJoin" : "NestedLoopJoin";
    return `${kind} ${p.how}${keys.length > 0 ? ` keys=[${keys.join(", ")}]` : ""}${p.residual ? ` condition=${pexprText(p.residual)}` : ""}`;
  },
  distinct: (p) => `Distinct${p.keys === null ? "" : ` keys=[${p.keys.map((k) => p.schema.fields[k]!.name).join(", ")}]`}`,
  union: () => "Union",
  except: () => "Except",
  sort: (p) =>
    `${p.limit === null ? "Sort" : `TopN ${p.limit}`} [${p.orders.map((o) => `${pexprText(o.expr)} ${o.ascending ? "ASC" : "DESC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`).join(", ")}]`,
  limit: (p) => `Limit ${p.n}`,
  shared: (p) => `Shared #${p.id} (computed once, read ${p.consumers === 1 ? "once" : `${p.consumers} times`})`,
};

/** One line describing an operator (without children). */
export function describePhysical(p: PhysicalPlan): string {
  return (DESCRIBE[p.kind] as Describer<PhysicalKind>)(p as never);
}

/** The plan as an indented tree, children two spaces deeper; a shared sub-plan is shown in full once. */
export function explainPhysical(p: PhysicalPlan, indent = 0, shown: Set<PhysicalPlan> = new Set()): string {
  if (p.kind === "shared" && shown.has(p)) return `${" ".repeat(indent)}ReusedSubplan #${p.id}`;
  shown.add(p);
  const lines = [" ".repeat(indent) + describePhysical(p)];
  for (const c of physicalChildren(p)) lines.push(explainPhysical(c, indent + 2, shown));
  return lines.join("\n");
}
