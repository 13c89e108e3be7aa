// The dashboard page: latest day's figures, one chart per figure, the table of days. Rendered here, in full,
// so the page needs no script, no library and no network (its CSP forbids all three).
import { lineChart } from "./chart.js";
import { escapeHtml, FIGURE_INFO, formatDay, formatFigure } from "./format.js";
import { FIGURES, type MetricRow } from "./metric-row.js";

const STYLE = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5f6b7d; --line: #2f6fde; --grid: #e3e7ee; --card: #f6f8fb; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: var(--muted); font-size: 14px; }
h2 { font-size: 18px; margin: 32px 0 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.card { background: var(--card); border-radius: 10px; padding: 12px 14px; }
.card .code { font-weight: 700; font-size: 13px; letter-spacing: .04em; }
.card .name { color: var(--muted); font-size: 12px; }
.card .value { font-size: 22px; font-weight: 600; margin-top: 6px; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(370px, 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--grid); border-radius: 10px; padding: 8px 8px 4px; }
figcaption { font-size: 13px; font-weight: 600; padding: 0 6px; }
figcaption span { color: var(--muted); font-weight: 400; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 10px; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .line { fill: none; stroke: var(--line); stroke-width: 2; }
svg .dot { fill: #fff; stroke: var(--line); stroke-width: 2; }
svg .ylabel, svg .xlabel, svg .empty { fill: var(--muted); }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--grid); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { font-weight: 600; }
.empty-page { color: var(--muted); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
code { font-size: 12px; }
`;

/** Where the figures came from, shown under the title. */
export interface PageSource {
  readonly source: "mysql" | "files";
  readonly description: string;
}

function cards(latest: MetricRow): string {
  return FIGURES.map((f) => {
    const info = FIGURE_INFO[f];
    return `<div class="card" data-metric="${f}"><div class="code">${info.code}</div><div class="name">${escapeHtml(info.ko)}</div><div class="value">${escapeHtml(formatFigure(f, latest[f]))}</div></div>`;
  }).join("\n");
}

function charts(rows: readonly MetricRow[]): string {
  return FIGURES.map((f) => {
    const info = FIGURE_INFO[f];
    return `<figure><figcaption>${info.code} <span>${escapeHtml(info.ko)} · ${escapeHtml(info.en)}</span></figcaption>${lineChart(f, rows)}</figure>`;
  }).join("\n");
}

function table(rows: readonly MetricRow[]): string {
  const head = `<tr><th>날짜 (dt)</th>${FIGURES.map((f) => `<th title="${escapeHtml(FIGURE_INFO[f].ko)}">${FIGURE_INFO[f].code}</th>`).join("")}</tr>`;
  const body = rows
    .map((r) => `<tr data-dt="${r.dt}"><td>${formatDay(r.dt)}</td>${FIGURES.map((f) => `<td>${escapeHtml(formatFigure(f, r[f]))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** The whole page for `rows` (date order). */
export function dashboardHtml(rows: readonly MetricRow[], from: PageSource): string {
  const latest = rows[rows.length - 1];
  const source = from.source === "mysql" ? `MySQL · ${from.description}` : `warehouse · ${from.description}`;
  const body =
    latest === undefined
      ? `<p class="empty-page">아직 지표가 없습니다 · no metrics yet. Run <code>lgde metrics --date D</code> first.</p>`
      : `<section aria-label="latest"><h2>${formatDay(latest.dt)} 지표 · latest day</h2><div class="cards" id="latest" data-dt="${latest.dt}">
${cards(latest)}
</div></section>
<section aria-label="charts"><h2>추이 · over time (${rows.length}일)</h2><div class="charts">
${charts(rows)}
</div></section>
<section aria-label="days"><h2>일별 지표 · by day</h2>
${table(rows)}
</section>`;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LGDE.com 일일 지표</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>LGDE.com 일일 지표 · daily metrics</h1><p>출처 · source: ${escapeHtml(source)}</p></header>
${body}
<footer>JSON: <code>/api/metrics?from=yyyyMMdd&amp;to=yyyyMMdd</code> · <code>/api/metrics/yyyyMMdd</code> · <code>/api/dimension/yyyyMMdd?limit=100&amp;offset=0</code></footer>
</body>
</html>
`;
}
