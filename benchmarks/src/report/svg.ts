// A bar chart of one suite as hand-written SVG: per case, one bar per engine; bars are scaled per case
// (the slowest engine of the case spans the width), each labelled with its median.
import type { SuiteTable } from "./compare.js";
import { fmtMs } from "./compare.js";

const COLORS = ["#1f77b4", "#aec7e8", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"];
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function suiteSvg(t: SuiteTable, title: string): string {
  const barH = 14, gap = 10, labelW = 150, plotW = 520, rightW = 150;
  const groupH = t.engines.length * barH + gap;
  const legendH = 20 + Math.ceil(t.engines.length / 3) * 18;
  const top = 40 + legendH;
  const height = top + t.cases.length * groupH + 20;
  const width = labelW + plotW + rightW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  t.engines.forEach((e, i) => {
    const x = 10 + (i % 3) * 230, y = 40 + Math.floor(i / 3) * 18;
    out.push(`<rect x="${x}" y="${y}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>`, `<text x="${x + 16}" y="${y + 10}">${esc(e)}</text>`);
  });
  t.cases.forEach((name, ci) => {
    const y0 = top + ci * groupH;
    const row = t.cells[name]!;
    const max = Math.max(1e-9, ...t.engines.map((e) => { const c = row[e]!; return "ms" in c ? c.ms : 0; }));
    out.push(`<text x="${labelW - 8}" y="${y0 + (t.engines.length * barH) / 2 + 4}" text-anchor="end" font-weight="bold">${esc(name)}</text>`);
    t.engines.forEach((e, ei) => {
      const c = row[e]!, y = y0 + ei * barH;
      if ("ms" in c) {
        const w = Math.max(1, (c.ms / max) * plotW);
        out.push(`<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${COLORS[ei % COLORS.length]}"/>`);
        out.push(`<text x="${labelW + w + 4}" y="${y + barH - 4}">${esc(fmtMs(c.ms))}</text>`);
      } else {
        out.push(`<text x="${labelW + 4}" y="${y + barH - 4}" fill="#999">${esc(e)}: ${esc(c.why.slice(0, 70))}</text>`);
      }
    });
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
