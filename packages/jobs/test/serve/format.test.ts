// Figures for people, and the charts' axes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { axisTicks, lineChart } from "../../src/serve/chart.js";
import { escapeHtml, formatCount, formatDuration, formatFigure, formatWon } from "../../src/serve/format.js";
import type { MetricRow } from "../../src/serve/metric-row.js";

describe("format", () => {
  it("groups thousands, puts ₩ on revenue and shows DAAT in minutes", () => {
    expect(formatCount(12900000)).toBe("12,900,000");
    expect(formatWon(1433333.3333)).toBe("₩1,433,333");
    expect(formatWon(-5000)).toBe("-₩5,000");
    expect(formatDuration(2400)).toBe("40분");
    expect(formatDuration(2530)).toBe("42.2분");
    expect(formatFigure("dr", 12900000)).toBe("₩12,900,000");
    expect(formatFigure("ltv", 2788888.888888889)).toBe("₩2,788,889");
    expect(formatFigure("dau", 9)).toBe("9");
    expect(formatFigure("daat", 2400)).toBe("40분");
    expect(formatFigure("arpu", null)).toBe("—");
  });

  it("escapes HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});

describe("axisTicks", () => {
  it("covers the values with about four round steps", () => {
    expect(axisTicks(0, 9)).toEqual([0, 5, 10]);
    expect(axisTicks(0, 12900000)).toEqual([0, 5000000, 10000000, 15000000]);
    expect(axisTicks(0, 2400, 60)).toEqual([0, 600, 1200, 1800, 2400]);
    expect(axisTicks(0, 0)).toEqual([0, 1]);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 0 }), fc.integer({ min: 0, max: 1e12 }), (lo, hi) => {
        const t = axisTicks(lo, hi);
        expect(t[0]!).toBeLessThanOrEqual(lo);
        expect(t[t.length - 1]!).toBeGreaterThanOrEqual(hi);
        expect(t.length).toBeGreaterThanOrEqual(2);
        expect(t.length).toBeLessThanOrEqual(12);
        t.forEach((v) => expect(Number.isInteger(v)).toBe(true));
      }),
    );
  });
});

describe("lineChart", () => {
  const row = (dt: string, dau: number | null): MetricRow => ({ dt, dau, pu: 0, dr: 0, arpu: null, arppu: null, daat: null, dnu: 0, dfpu: 0, ar: 0, users: 0, ltv: null });

  it("breaks the line at a null figure instead of drawing zero", () => {
    const svg = lineChart("dau", [row("20201025", 5), row("20201026", null), row("20201027", 7), row("20201028", 8)]);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain("<title>2020-10-28: 8</title>");
  });

  it("spaces points by calendar days", () => {
    const svg = lineChart("dau", [row("20201025", 1), row("20201026", 1), row("20201029", 1)]);
    const xs = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect((xs[2]! - xs[1]!) / (xs[1]! - xs[0]!)).toBeCloseTo(3, 5);
  });

  it("says when there is nothing to draw", () => {
    expect(lineChart("dr", [])).toContain("no data");
  });
});
