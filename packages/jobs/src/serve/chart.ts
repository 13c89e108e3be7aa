// A line chart of one figure over the days, as inline SVG text (no script, no library, no network).
import { escapeHtml, FIGURE_INFO, formatDay, formatFigure } from "./format.js";
import type { Figure, MetricRow } from "./metric-row.js";

const W = 360;
const H = 170;
const M = { left: 84, right: 14, top: 14, bottom: 26 };

const dayNumber = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))) / 86_400_000;
const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/** 1, 2 or 5 times a power of ten, the smallest such not below `x` (and at least 1: figures are whole units). */
function niceStep(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= x) ?? 10 * p;
}

/**
 * Round tick values from `lo` to `hi` (inclusive), about four steps, so that each gridline's label is exact.
 * `unit` is the size of one display unit (60 for seconds shown in minutes), so that ticks are whole minutes.
 */
export function axisTicks(lo: number, hi: number, unit = 1): number[] {
  const step = niceStep((hi - lo) / unit / 4) * unit;
  const first = Math.floor(lo / step) * step;
  const last = Math.max(Math.ceil(hi / step) * step, first + step);
  const out: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) out.push(v);
  return out;
}

/**
 * The SVG of `figure` over `rows` (date order). X is calendar time, so a missing day leaves a gap in
 * spacing; a null figure breaks the line instead of being drawn as zero. Y starts at 0 unless a value is
 * negative. Each point carries a `<title>` tooltip with its day and formatted value.
 */
export function lineChart(figure: Figure, rows: readonly MetricRow[]): string {
  const info = FIGURE_INFO[figure];
  const points = rows.map((r) => ({ day: r.dt, x: dayNumber(r.dt), y: r[figure] }));
  const values = points.map((p) => p.y).filter((v): v is number => v !== null);
  const ticks = axisTicks(Math.min(0, ...values), Math.max(0, ...values), info.kind === "duration" ? 60 : 1);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const x0 = points.length > 0 ? points[0]!.x : 0;
  const x1 = points.length > 0 ? points[points.length - 1]!.x : 1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const sx = (x: number): number => (x1 === x0 ? M.left + plotW / 2 : M.left + ((x - x0) / (x1 - x0)) * plotW);
  const sy = (y: number): number => M.top + plotH - ((y - lo) / (hi - lo)) * plotH;

  // Consecutive non-null points form one segment of the line.
  const segments: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.y === null) {
      if (current.length > 0) segments.push(current.join(" "));
      current = [];
    } else {
      current.push(`${current.length === 0 ? "M" : "L"}${r1(sx(p.x))},${r1(sy(p.y))}`);
    }
  }
  if (current.length > 0) segments.push(current.join(" "));

  const title = `${info.code} (${info.ko})`;
  const id = `chart-${figure}`;
  const grid = ticks
    .map((v) => {
      const y = r1(sy(v));
      return `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" class="grid"/><text x="${M.left - 6}" y="${y}" class="ylabel" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatFigure(figure, v))}</text>`;
    })
    .join("");
  const xLabels =
    points.length === 0
      ? `<text x="${M.left + plotW / 2}" y="${M.top + plotH / 2}" text-anchor="middle" class="empty">데이터 없음 · no data</text>`
      : [...new Set([points[0]!, points[points.length - 1]!])]
          .map((p, i, all) => {
            const anchor = all.length === 1 ? "middle" : i === 0 ? "start" : "end";
            return `<text x="${r1(sx(p.x))}" y="${H - 8}" class="xlabel" text-anchor="${anchor}">${formatDay(p.day)}</text>`;
          })
          .join("");
  const dots = points
    .filter((p) => p.y !== null)
    .map((p) => `<circle cx="${r1(sx(p.x))}" cy="${r1(sy(p.y as number))}" r="3.5" class="dot"><title>${formatDay(p.day)}: ${escapeHtml(formatFigure(figure, p.y))}</title></circle>`)
    .join("");
  const lines = segments.map((d) => `<path d="${d}" class="line"/>`).join("");
  return (
    `<svg class="chart" data-metric="${figure}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${id}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}">${escapeHtml(title)}</title>${grid}${lines}${dots}${xLabels}</svg>`
  );
}
