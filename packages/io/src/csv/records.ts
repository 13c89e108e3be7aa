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

/**
 * A record's fields with whether each was quoted. That only matters for a field that reads as the null
 * value (a quoted "" is an empty string, an unquoted empty field is null), and only a record holding the
 * quote character can have one; such a record is parsed again on its own, asking csv-parse for quoting.
 * Asking for it on every field (a \`cast\` function) cost ~6 µs a field in csv-parse's context objects.
 */
async function fieldsOf(texts: readonly string[], raw: string, o: CsvOptions): Promise<CsvField[]> {
  if (!texts.includes(o.nullValue) || !raw.includes(o.quote)) return texts.map((text) => ({ text, quoted: false }));
  const { parse } = await import("csv-parse/sync");
  const [again] = parse(raw, {
    delimiter: o.delimiter, quote: o.quote, escape: o.escape, relax_column_count: true, relax_quotes: true,
    cast: (value, ctx) => ({ text: value, quoted: ctx.quoting }) as unknown as string,
  }) as unknown as CsvField[][];
  // The same text parsed with the same options gives the same fields; if it ever did not, unquoted is
  // the reading that keeps the earlier text.
  return again !== undefined && again.length === texts.length ? again : texts.map((text) => ({ text, quoted: false }));
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
  });
  const input = createReadStream(file);
  input.on("error", (e) => parser.destroy(new IoError(`csv: cannot read ${file}: ${e.message}`, { cause: e })));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      while (skipped.length > 0) yield skipped.shift()!;
      const raw = trimRaw(item.raw);
      yield { ok: true, fields: await fieldsOf(item.record, raw, o), line: item.info.lines - countNewlines(raw), raw };
    }
    while (skipped.length > 0) yield skipped.shift()!;
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`csv: cannot parse ${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    input.destroy();
  }
}
