// Spark's show() text: an ASCII table (or vertical records), cell for cell like Dataset.showString.
import type * as arrow from "apache-arrow";
import { columnStrings, escapeMeta } from "./cell.js";

/** Options of `show()`. */
export interface ShowOptions {
  /** `true` (default) cuts cells at 20 characters; a number cuts at that many; `false` or 0 never cuts. */
  readonly truncate?: boolean | number;
  /** One block per row (`-RECORD 0----`), like Spark's `show(vertical = true)`. */
  readonly vertical?: boolean;
}

/** East Asian wide and full-width characters take two columns, as Spark's `stringHalfWidth` counts. */
const FULL_WIDTH = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/gu;

function halfWidth(s: string): number {
  const wide = s.match(FULL_WIDTH);
  return [...s].length + (wide === null ? 0 : wide.length);
}

function leftPad(s: string, width: number): string {
  return " ".repeat(Math.max(0, width - halfWidth(s))) + s;
}

function rightPad(s: string, width: number, fill = " "): string {
  return s + fill.repeat(Math.max(0, width - halfWidth(s)));
}

function cut(s: string, truncate: number): string {
  if (truncate <= 0 || s.length <= truncate) return s;
  // Spark shows no ellipsis below 4 characters.
  return truncate < 4 ? s.slice(0, truncate) : `${s.slice(0, truncate - 3)}...`;
}

/**
 * Renders rows like Spark's `Dataset.showString(numRows, truncate, vertical)`. `batches` hold the
 * first rows of the result, possibly more than `numRows` (then the footer says only the top rows are shown).
 */
export function showString(
  names: readonly string[],
  batches: readonly arrow.RecordBatch[],
  numRows: number,
  zone: string,
  options: ShowOptions = {},
): string {
  const truncate = options.truncate === undefined || options.truncate === true ? 20
    : options.truncate === false ? 0 : Math.max(0, Math.floor(options.truncate));
  const data: string[][] = [];
  for (const batch of batches) {
    if (data.length >= numRows) break;
    const columns = batch.data.children.map((d) => columnStrings(d, zone));
    for (let r = 0; r < batch.numRows && data.length < numRows; r++) data.push(columns.map((c) => cut(c[r]!, truncate)));
  }
  const total = batches.reduce((n, b) => n + b.numRows, 0);
  const hasMore = total > numRows;
  const header = names.map(escapeMeta);
  const minWidth = 3;
  let sb = "";
  if (!options.vertical) {
    const widths = header.map((h, c) => data.reduce((w, row) => Math.max(w, halfWidth(row[c]!)), Math.max(minWidth, halfWidth(h))));
    const sep = `+${widths.map((w) => "-".repeat(w)).join("+")}+\n`;
    const line = (cells: readonly string[]): string =>
      `|${cells.map((cell, c) => (truncate > 0 ? leftPad(cell, widths[c]!) : rightPad(cell, widths[c]!))).join("|")}|\n`;
    sb += sep + line(header) + sep;
    for (const row of data) sb += line(row);
    sb += sep;
  } else {
    const nameWidth = header.reduce((w, h) => Math.max(w, halfWidth(h)), minWidth);
    const dataWidth = data.reduce((w, row) => Math.max(w, ...row.map(halfWidth)), minWidth);
    data.forEach((row, i) => {
      sb += rightPad(`-RECORD ${i}`, nameWidth + dataWidth + 5, "-") + "\n";
      sb += row.map((cell, c) => ` ${rightPad(header[c]!, nameWidth)} | ${rightPad(cell, dataWidth)} `).join("\n") + "\n";
    });
  }
  if (options.vertical && data.length === 0) sb += "(0 rows)\n";
  else if (hasMore) sb += `only showing top ${numRows} ${numRows === 1 ? "row" : "rows"}\n`;
  return sb;
}
