// Metrics of the same operator from several tasks are summed into one entry.
import { describe, expect, it } from "vitest";
import { mergeMetrics } from "../../src/run/metrics.js";

describe("mergeMetrics", () => {
  it("sums rows, batches and millis per operator, in first-seen order", () => {
    const merged = mergeMetrics([
      { operator: "Scan", rows: 3, batches: 1, millis: 2 },
      { operator: "HashAggregate", rows: 1, batches: 1, millis: 1 },
      { operator: "Scan", rows: 4, batches: 2, millis: 0.5 },
    ]);
    expect(merged).toEqual([
      { operator: "Scan", rows: 7, batches: 3, millis: 2.5 },
      { operator: "HashAggregate", rows: 1, batches: 1, millis: 1 },
    ]);
    expect(mergeMetrics([])).toEqual([]);
  });
});
