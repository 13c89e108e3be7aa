// Per-operator metrics of a query: the same operator run by many tasks (one per partition) is summed.
import type { OperatorMetrics } from "@lgde/core";

/** Metrics with one entry per operator name, in first-seen order; rows, batches and millis summed over tasks. */
export function mergeMetrics(all: readonly OperatorMetrics[]): OperatorMetrics[] {
  const byName = new Map<string, { operator: string; rows: number; batches: number; millis: number }>();
  for (const m of all) {
    const seen = byName.get(m.operator);
    if (seen === undefined) byName.set(m.operator, { operator: m.operator, rows: m.rows, batches: m.batches, millis: m.millis });
    else { seen.rows += m.rows; seen.batches += m.batches; seen.millis += m.millis; }
  }
  return [...byName.values()];
}
