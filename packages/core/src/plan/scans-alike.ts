// One read of a source for the places of a query that read it with the same pushed filters but
// different columns (Polars calls it file caching): a DataFrame filtered once and then used by
// several branches, each pruned to its own columns, would otherwise read and filter the file again
// per branch (the day's purchases: four reads, each parsing and comparing every row's time).
import { E } from "../expr/build.js";
import type { Expr } from "../expr/expr.js";
import { exprKey, splitConjunction } from "../expr/tree.js";
import { Project, Scan } from "./nodes/index.js";
import type { LogicalPlan, ScanNode } from "./plan.js";
import type { PlanFingerprints } from "./reuse.js";
import { changed, children, transformUp, unchanged } from "./tree.js";

/** Whether every conjunct of `predicate` is among the scan's pushed filters. */
function restates(predicate: Expr, scan: ScanNode): boolean {
  const pushed = new Set(scan.filters.map((f) => exprKey(f)));
  return splitConjunction(predicate).every((c) => pushed.has(exprKey(c)));
}

/**
 * Rewrites every scan whose source and pushed filters other scans share, but whose columns differ
 * from theirs, as a projection of one scan of all their columns (in source order). The scans are
 * then equal, and `repeatedSubplans` computes that one scan once for every place. A filter over one
 * of them that only restates its pushed filters is dropped (the scan applies them).
 */
export function widenScansAlike(plan: LogicalPlan, fingerprints: PlanFingerprints): LogicalPlan {
  const alike = new Map<string, ScanNode[]>();
  const keyOf = (s: ScanNode) => fingerprints.of(Scan.create(s.source, null, s.filters));
  const collect = (p: LogicalPlan): void => {
    if (p.kind === "scan") {
      const k = keyOf(p);
      const group = alike.get(k);
      if (group === undefined) alike.set(k, [p]); else group.push(p);
    }
    children(p).forEach(collect);
  };
  collect(plan);
  const widened = new Map<string, ScanNode>();
  for (const [k, scans] of alike) {
    if (new Set(scans.map((s) => fingerprints.of(s))).size < 2) continue;
    const projection = scans.some((s) => s.projection === null) ? null : [...new Set(scans.flatMap((s) => s.projection ?? []))];
    widened.set(k, Scan.create(scans[0]!.source, projection, scans[0]!.filters));
  }
  if (widened.size === 0) return plan;
  const wideScans = new Set([...widened.values()].map((w) => fingerprints.of(w)));
  return transformUp(plan, (node) => {
    if (node.kind === "filter") {
      // The filter that the pushed filters restate (they are applied by the scan) is dropped here, as
      // the physical planner drops it over a bare scan: the projection put between them would hide it.
      const below = node.input.kind === "project" ? node.input.input : node.input;
      return below.kind === "scan" && wideScans.has(fingerprints.of(below)) && restates(node.predicate, below) ? changed(node.input) : unchanged(node);
    }
    if (node.kind !== "scan") return unchanged(node);
    const wide = widened.get(keyOf(node));
    if (wide === undefined) return unchanged(node);
    if (fingerprints.of(wide) === fingerprints.of(node)) return changed(wide);
    return changed(Project.create(wide, node.schema.fields.map((f) => E.column(f.name))));
  }).node;
}
