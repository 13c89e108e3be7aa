// The distributed plan as indented text: stages, partitioning and exchanges.
import { exprName, type Expr } from "@lgde/core";
import type { PartialStep } from "../wire.js";
import type { DPlan, DPlanKind } from "./dplan.js";

const keys = (ks: readonly Expr[]) => ks.map(exprName).join(", ");

function partialStep(p: PartialStep | null): string {
  if (p === null) return "";
  if (p.kind === "distinct") return ` [adaptive PartialDistinct${p.columns === null ? "" : ` [${p.columns.join(", ")}]`} before]`;
  const inner = (es: readonly Expr[]) => keys(es.map((e) => (e.kind === "alias" ? e.input : e)));
  return ` [adaptive PartialAggregate [${inner(p.groupBy)}] [${inner(p.aggregates)}] before]`;
}

type Describers = { readonly [K in DPlanKind]: (d: Extract<DPlan, { kind: K }>) => string };
const DESCRIBE: Describers = {
  scan: (d) => `Scan ${d.scan.source.description} [partitioned by source partitions, read in workers]` +
    (d.scan.projection ? ` [${d.scan.projection.join(", ")}]` : "") +
    (d.scan.filters.length > 0 ? ` PushedFilters: [${keys(d.scan.filters)}]` : ""),
  values: (d) => `Values [${d.schema.fields.map((f) => f.name).join(", ")}] [split into row ranges]`,
  map: (d) => d.label,
  union: (d) => (d.aligned ? "Union [partition by partition]" : "Union [partitions concatenated]"),
  exchange: (d) => `Exchange hashpartitioning(${keys(d.keys)})${partialStep(d.partial)}`,
  gather: (d) => `Gather to coordinator${d.orders ? ` [merge sorted runs on ${keys(d.orders.map((o) => o.expr))}]` : ""}${d.limit !== null ? ` [limit ${d.limit}, stops early]` : ""}`,
  zip: (d) => `${d.label} [co-partitioned]`,
  broadcast: (d) => d.label,
  cache: (d) => `CachedSubplan #${d.id} [computed once, read ${d.consumers} times, partitions kept in shared memory]`,
};

function childrenOf(d: DPlan): readonly DPlan[] {
  switch (d.kind) {
    case "scan": case "values": return [];
    case "map": case "exchange": case "gather": case "cache": return [d.input];
    case "union": return d.inputs;
    case "zip": case "broadcast": return [d.left, d.right];
  }
}

/** Like Spark's physical plan text; `*` marks operators that run inside worker tasks. */
export function explainDistributed(d: DPlan, header: string): string {
  const lines = [header];
  const shown = new Set<DPlan>();
  const walk = (node: DPlan, prefix: string, marker: string): void => {
    if (node.kind === "cache" && shown.has(node)) {
      lines.push(`${prefix}${marker}ReusedSubplan #${node.id}`);
      return;
    }
    shown.add(node);
    lines.push(`${prefix}${marker}${(DESCRIBE[node.kind] as (x: DPlan) => string)(node)}`);
    const kids = childrenOf(node);
    const childPrefix = prefix + (marker === "" ? "" : marker === ":- " ? ":  " : "   ");
    kids.forEach((k, i) => walk(k, childPrefix, i === kids.length - 1 ? "+- " : ":- "));
  };
  walk(d, "", "");
  return lines.join("\n");
}
