// Checks that the engines agree before any time is shown, and turns the child results into a table.
import { median } from "../util/measure.js";
import type { EngineSuiteResult } from "../runner/result.js";

/** One cell: a median, or why there is none. */
export type Cell = { readonly ms: number; readonly minMs: number } | { readonly why: string };

export interface SuiteTable {
  readonly suite: string;
  readonly engines: readonly string[];
  readonly cases: readonly string[];
  /** cells[case][engine]. */
  readonly cells: Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  /** Per case: the agreed answer, or the disagreement. */
  readonly answers: Readonly<Record<string, string>>;
  readonly peakRss: Readonly<Record<string, number>>;
}

/**
 * The engines' answers of each case must be identical. The answer most engines gave (ties: ours, the
 * first engine) is taken as right; an engine that differs gets "wrong answer" instead of a time.
 */
export function tabulate(suite: string, results: readonly EngineSuiteResult[], reference: string): SuiteTable {
  const engines = results.map((r) => r.engine);
  const cases: string[] = [];
  for (const r of results) for (const c of r.cases) if (!cases.includes(c.name)) cases.push(c.name);
  const cells: Record<string, Record<string, Cell>> = {};
  const answers: Record<string, string> = {};
  for (const name of cases) {
    const votes = new Map<string, string[]>();
    for (const r of results) {
      const c = r.cases.find((x) => x.name === name);
      if (c?.answer) { const k = JSON.stringify(c.answer); votes.set(k, [...(votes.get(k) ?? []), r.engine]); }
    }
    let best: string | null = null, bestScore = -1;
    for (const [k, who] of votes) {
      const score = who.length * 2 + (who.includes(reference) ? 1 : 0);
      if (score > bestScore) { best = k; bestScore = score; }
    }
    answers[name] = votes.size <= 1 ? (best ?? "no answer") : `DISAGREE: ${[...votes].map(([k, w]) => `${w.join("+")}=${k}`).join(" | ")}`;
    const row: Record<string, Cell> = {};
    for (const r of results) {
      const c = r.cases.find((x) => x.name === name);
      if (r.error !== null) row[r.engine] = { why: r.error };
      else if (c === undefined) row[r.engine] = { why: "n/a" };
      else if (c.error !== null) row[r.engine] = { why: `error: ${c.error}` };
      else if (JSON.stringify(c.answer) !== best) row[r.engine] = { why: `wrong answer: ${JSON.stringify(c.answer)}` };
      else row[r.engine] = { ms: median(c.times), minMs: Math.min(...c.times) };
    }
    cells[name] = row;
  }
  const peakRss: Record<string, number> = {};
  for (const r of results) peakRss[r.engine] = r.peakRss;
  return { suite, engines, cases, cells, answers, peakRss };
}

const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);

/** Markdown: median (min) per engine, and each engine's ratio to ours (`reference`): >1 means slower than ours. */
export function markdownTable(t: SuiteTable, reference: string): string {
  const head = `| case | ${t.engines.map((e) => e === reference ? `${e} (ours)` : e).join(" | ")} |`;
  const lines = [head, `|---|${t.engines.map(() => "---:").join("|")}|`];
  const shortWhy = (w: string): string => (w.length > 40 ? w.slice(0, 40) + "…" : w);
  for (const name of t.cases) {
    const row = t.cells[name]!;
    const ref = row[reference];
    const cells = t.engines.map((e) => {
      const c = row[e]!;
      if ("why" in c) return shortWhy(c.why);
      const ratio = ref && "ms" in ref && e !== reference ? ` (${(c.ms / ref.ms).toFixed(2)}x)` : "";
      return `${fmtMs(c.ms)}${ratio}`;
    });
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  // An engine that could not run has no peak to show (not 0 MiB).
  const rss = (e: string): string => { const b = t.peakRss[e] ?? 0; return b > 0 ? `${(b / 2 ** 20).toFixed(0)} MiB` : "—"; };
  lines.push(`| peak RSS | ${t.engines.map(rss).join(" | ")} |`);
  return lines.join("\n");
}

export { fmtMs };
