// A range of days: ingest then metrics for each day, in date order.
import type { CommonOptions } from "./config.js";
import { daysBetween } from "./dates.js";
import { ingest, type IngestSummary } from "./ingest/ingest.js";
import { metrics, type MetricsSummary } from "./metrics/metrics.js";

export interface RunRangeOptions extends CommonOptions {
  readonly from: string;
  readonly to: string;
  /** `from` is the first day of service. */
  readonly firstDay?: boolean;
  /** See `MetricsOptions.servingUrl`. */
  readonly servingUrl?: string | null;
  /** Called after each day, e.g. to print its summary. */
  readonly onDay?: (day: { readonly ingest: IngestSummary; readonly metrics: MetricsSummary }) => void;
}

export interface DaySummary {
  readonly ingest: IngestSummary;
  readonly metrics: MetricsSummary;
}

/** Ingests and computes each day from `from` to `to`; stops at the first failing day (later days need its dimension). */
export async function runRange(options: RunRangeOptions): Promise<DaySummary[]> {
  const days = daysBetween(options.from, options.to);
  const out: DaySummary[] = [];
  for (const date of days) {
    const i = await ingest({ ...options, date });
    const m = await metrics({ ...options, date, firstDay: options.firstDay === true && date === options.from });
    const day = { ingest: i, metrics: m };
    options.onDay?.(day);
    out.push(day);
  }
  return out;
}
