// Streams CSV records with csv-parse: fields (with whether each was quoted), start line and raw text.
import { createReadStream } from "node:fs";
import { IoError } from "../util/errors.js";
import type { CsvOptions } from "./options.js";

/** A field: its text and whether it was quoted (a quoted empty string is "", an unquoted one may be null). */
export interface CsvField { readonly text: string; readonly quoted: boolean }

export type CsvRecord =
  | { readonly ok: true; readonly fields: readonly CsvField[]; readonly line: number; readonly raw: string }
  | { readonly ok: false; readonly reason: string; readonly line: number; readonly raw: string };

function trimRaw(raw: string): string {
  return raw.replace(/^(\r?\n|\r)+/, "").replace(/(\r?\n|\r)$/, "");
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** The records of a CSV file in order, unparsable ones included as `ok: false`. */
export async function* csvRecords(file: string, o: CsvOptions): AsyncIterable<CsvRecord> {
  // Loaded on first use, like the MySQL driver: a session, or a worker thread, that reads no CSV
  // does not pay for it (~17 ms at each start-up).
  const { parse } = await import("csv-parse");
  const skipped: CsvRecord[] = [];
  const parser = parse({
    delimiter: o.delimiter, quote: o.quote, escape: o.escape,
    bom: true, info: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err, raw) => {
      skipped.push({ ok: false, reason: err?.message ?? "unparsable record", line: (err as { lines?: number } | undefined)?.lines ?? 0, raw: trimRaw(raw ?? "") });
      return undefined;
    },
    cast: (value, ctx) => ({ text: value, quoted: ctx.quoting }) as unknown as string,
  });
  const input = createReadStream(file);
  input.on("error", (e) => parser.destroy(new IoError(`csv: cannot read ${file}: ${e.message}`, { cause: e })));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: CsvField[]; info: { lines: number }; raw: string }>) {
      while (skipped.length > 0) yield skipped.shift()!;
      const raw = trimRaw(item.raw);
      yield { ok: true, fields: item.record, line: item.info.lines - countNewlines(raw), raw };
    }
    while (skipped.length > 0) yield skipped.shift()!;
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`csv: cannot parse ${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    input.destroy();
  }
}
