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

/** Line breaks in `s`: \r\n, \n or a lone \r, each one (as JSON lines and Node's readline count them). */
function countBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Occurrences of \r\n in `s`. */
function countCrlf(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\r\n"); i >= 0; i = s.indexOf("\r\n", i + 2)) n++;
  return n;
}

type SyncParse = typeof import("csv-parse/sync").parse;

/**
 * A record's raw text without the line endings around it: csv-parse's raw text holds the blank lines it
 * skipped before the record and the ending after it, each whole or, for a two-character ending (\r\n),
 * only its first character.
 */
function recordText(raw: string, recordDelimiter: unknown): string {
  const endings = (Array.isArray(recordDelimiter) ? recordDelimiter.map(String) : []).filter((e) => e.length > 0);
  /** The length of the ending (or its first character) at `at`, or 0. */
  const endingAt = (at: number): number => {
    for (const e of endings) if (raw.startsWith(e, at)) return e.length;
    for (const e of endings) if (raw.startsWith(e[0]!, at)) return 1;
    return 0;
  };
  let from = 0;
  for (let k = endingAt(0); k > 0; k = endingAt(from)) from += k;
  let to = raw.length;
  for (const e of endings) {
    // The whole ending, or its first characters.
    let k = e.length;
    while (k > 0 && !raw.endsWith(e.slice(0, k))) k--;
    if (k > 0) { to = Math.max(from, to - k); break; }
  }
  return raw.slice(from, to);
}

/**
 * A record's fields with whether each was quoted. That only matters for a field that reads as the null
 * value (a quoted "" is an empty string, an unquoted empty field is null), and only a record holding the
 * quote character can have one; such a record is parsed again on its own, asking csv-parse for quoting,
 * with the line ending the file's parser settled on (a different one is data). Asking for quoting on
 * every field (a \`cast\` function) cost ~6 µs a field in csv-parse's context objects.
 */
function fieldsOf(texts: readonly string[], raw: string, o: CsvOptions, recordDelimiter: unknown, parseSync: SyncParse, where: string): CsvField[] {
  if (!texts.includes(o.nullValue) || !raw.includes(o.quote)) return texts.map((text) => ({ text, quoted: false }));
  const [again] = parseSync(recordText(raw, recordDelimiter), {
    delimiter: o.delimiter, quote: o.quote, escape: o.escape, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
    ...(recordDelimiter === undefined ? {} : { record_delimiter: recordDelimiter as string[] }),
    cast: (value, ctx) => ({ text: value, quoted: ctx.quoting }) as unknown as string,
  }) as unknown as CsvField[][];
  if (again === undefined || again.length !== texts.length || again.some((f, i) => f.text !== texts[i])) {
    throw new IoError(`csv: ${where}: internal: the record read again gives other fields than the first reading`);
  }
  return again;
}

/** A skipped record's line without the lines csv-parse counted twice before it. */
function lessExtra(r: CsvRecord, extraLines: number): CsvRecord {
  return extraLines === 0 ? r : { ...r, line: Math.max(1, r.line - extraLines) };
}

/** The records of a CSV file in order, unparsable ones included as `ok: false`. */
export async function* csvRecords(file: string, o: CsvOptions): AsyncIterable<CsvRecord> {
  // Loaded on first use, like the MySQL driver: a session, or a worker thread, that reads no CSV
  // does not pay for it (~17 ms at each start-up).
  const [{ parse }, { parse: parseSync }] = await Promise.all([import("csv-parse"), import("csv-parse/sync")]);
  const skipped: CsvRecord[] = [];
  // csv-parse counts the \r and the \n of a \r\n as two lines, except when the pair is the line ending it
  // settled on (which it consumes whole, and leaves out of a record's raw text but for the \r). Each \r\n
  // in a record's raw text is one line too many in every line number from that record on.
  let extraLines = 0;
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
      while (skipped.length > 0) yield lessExtra(skipped.shift()!, extraLines);
      extraLines += countCrlf(item.raw);
      // info.lines is the line the record ends on; it starts as many lines up as it holds breaks.
      const raw = trimRaw(item.raw), line = item.info.lines - extraLines - countBreaks(raw);
      // csv-parse keeps the line ending it found in its options.
      const recordDelimiter = (parser as unknown as { options?: { record_delimiter?: unknown } }).options?.record_delimiter;
      yield { ok: true, fields: fieldsOf(item.record, item.raw, o, recordDelimiter, parseSync, `${file} at line ${line}`), line, raw };
    }
    while (skipped.length > 0) yield lessExtra(skipped.shift()!, extraLines);
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`csv: cannot parse ${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    input.destroy();
  }
}
