// Human-readable summaries: what an ingestion wrote, and the day's figures as a table.
import type { IngestSummary } from "../ingest/ingest.js";
import type { Kpi } from "../metrics/kpi.js";
import type { MetricsSummary } from "../metrics/metrics.js";

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function figure(v: number | null, decimals: boolean): string {
  if (v === null) return "-";
  return decimals ? dec.format(v) : int.format(v);
}

/** A text table with right-aligned columns after the first. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function formatIngest(s: IngestSummary): string {
  const rows = [
    ["user", int.format(s.rows.user)],
    ["purchase", int.format(s.rows.purchase)],
    ["access", int.format(s.rows.access)],
    ["access_rejects", int.format(s.rows.access_rejects)],
  ];
  const reasons = Object.entries(s.rejectReasons).map(([r, n]) => `  rejected: ${int.format(n)} × ${r}`);
  return [`ingest ${s.date}: rows written`, table(["table", "rows"], rows), ...reasons].join("\n");
}

const HEADER = ["day", "DAU", "PU", "DR", "ARPU", "ARPPU", "DAAT", "DNU", "DFPU", "AR", "USERS", "LTV"];

function kpiRow(k: Kpi): string[] {
  return [
    k.dt, figure(k.dau, false), figure(k.pu, false), figure(k.dr, false), figure(k.arpu, true), figure(k.arppu, true),
    figure(k.daat, true), figure(k.dnu, false), figure(k.dfpu, false), figure(k.ar, false), figure(k.users, false), figure(k.ltv, true),
  ];
}

/** The figures of several days, one row each. */
export function formatKpis(kpis: readonly Kpi[]): string {
  return table(HEADER, kpis.map(kpiRow));
}

export function formatMetrics(s: MetricsSummary): string {
  const notes: string[] = [];
  if (s.purchaseRowsOutsideDay > 0) notes.push(`  ${int.format(s.purchaseRowsOutsideDay)} sales rows of other days were left out`);
  if (s.purchaseRowsBadTime > 0) notes.push(`  warning: ${int.format(s.purchaseRowsBadTime)} sales rows have a p_time that is not a number`);
  notes.push(`  dimension: ${int.format(s.dimensionRows)} customers${s.served ? "; row served to table lgde" : ""}`);
  return [`metrics ${s.date}`, formatKpis([s.kpi]), ...notes].join("\n");
}
