// Scan: reads an external source; the optimizer fills in projection and pushed filters.
import { AnalysisError } from "../../errors.js";
import type { Expr } from "../../expr/expr.js";
import { exprType, resolveColumn } from "../../expr/resolve.js";
import { schema as makeSchema } from "../../types/data-type.js";
import type { LogicalPlan, ScanNode, SourceRef } from "../plan.js";

export const Scan = Object.freeze({
  create(source: SourceRef, projection: readonly string[] | null = null, filters: readonly Expr[] = []): ScanNode {
    let out = source.schema;
    if (projection !== null) {
      const idx = projection.map((name) => resolveColumn(source.schema, name));
      // Keep source order so readers can stream columns as stored.
      out = makeSchema([...new Set(idx)].sort((a, b) => a - b).map((i) => source.schema.fields[i]!));
    }
    for (const f of filters) {
      const t = exprType(f, source.schema);
      if (t.type !== "bool" && t.type !== "null") throw new AnalysisError(`scan filter must be boolean, got ${t.type}`);
    }
    return Object.freeze({
      kind: "scan",
      source,
      projection: projection === null ? null : Object.freeze(out.fields.map((f) => f.name)),
      filters: Object.freeze([...filters]),
      schema: out,
    });
  },
  is(plan: LogicalPlan): plan is ScanNode {
    return plan.kind === "scan";
  },
});
