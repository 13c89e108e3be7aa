// The physical plan: plain data with a `kind`, one operator per file under operators/.
import type { FilterExec } from "./operators/filter.js";
import type { HashAggregateExec } from "./operators/hash-aggregate.js";
import type { HashJoinExec } from "./operators/hash-join.js";
import type { DistinctExec } from "./operators/distinct.js";
import type { ExceptExec } from "./operators/except.js";
import type { LimitExec } from "./operators/limit.js";
import type { ProjectExec } from "./operators/project.js";
import type { ScanExec } from "./operators/scan.js";
import type { SharedExec } from "./operators/shared.js";
import type { SortExec } from "./operators/sort.js";
import type { UnionExec } from "./operators/union.js";
import type { ValuesExec } from "./operators/values.js";

/** Every physical operator. Each carries its output `schema` (the logical node's). */
export type PhysicalPlan =
  | ScanExec | ValuesExec | ProjectExec | FilterExec | HashAggregateExec | HashJoinExec
  | DistinctExec | UnionExec | ExceptExec | SortExec | LimitExec | SharedExec;

export type PhysicalKind = PhysicalPlan["kind"];

/** The direct inputs of an operator. */
export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  switch (p.kind) {
    case "scan": case "values": return [];
    case "project": case "filter": case "hash-aggregate": case "distinct": case "sort": case "limit": case "shared": return [p.input];
    case "hash-join": case "except": return [p.left, p.right];
    case "union": return p.inputs;
  }
}
