// CSV reader over csv-parse: header, DDL schema or Spark-like inference, delimiter, quote, escape, nullValue.
import { field, schema, type DataType, type Schema } from "@lgde/core";
import type { Cell } from "../arrow/builder.js";
import type { BadRecordCollector, BadRecordPolicy } from "../text/bad-records.js";
import { inferTextType, parseText, widen } from "../text/convert.js";
import { textSource, type TextFormat, type TextRow } from "../text/text-source.js";
import type { Options } from "../util/options.js";
import { csvOptions, type CsvOptions } from "./options.js";
import { csvRecords, type CsvField } from "./records.js";
import { IoError } from "../util/errors.js";

function isNull(f: CsvField, o: CsvOptions): boolean {
  return !f.quoted && f.text === o.nullValue;
}

async function inferCsv(files: readonly string[], options: Options, policy: BadRecordPolicy): Promise<Schema> {
  const o = csvOptions(options);
  let names: string[] | null = null;
  let types: DataType[] = [];
  for (const file of files) {
    let first = true;
    for await (const r of csvRecords(file, o)) {
      if (!r.ok) {
        if (policy.mode === "FAILFAST") throw new IoError(`csv: malformed record in ${file} at line ${r.line}: ${r.reason}`);
        continue;
      }
      if (first && o.header) {
        first = false;
        if (names === null) names = r.fields.map((f, i) => (f.text.trim() === "" ? `_c${i}` : f.text));
        continue;
      }
      first = false;
      if (names === null) names = r.fields.map((_, i) => `_c${i}`);
      if (types.length === 0) types = names.map(() => "null");
      if (r.fields.length !== names.length || !o.inferSchema) continue;
      r.fields.forEach((f, i) => { if (!isNull(f, o)) types[i] = widen(types[i]!, inferTextType(f.text)); });
    }
  }
  if (names === null) throw new IoError(`csv: ${files.join(", ")} hold no records; cannot infer a schema (give one with the "schema" option)`);
  return schema(names.map((n, i) => field(n, o.inferSchema ? (types[i] === undefined || types[i] === "null" ? "utf8" : types[i]!) : "utf8", true)));
}

/** Records handed on together: csv-parse gives them one at a time. */
const CHUNK_ROWS = 1024;

async function* csvRows(file: string, data: Schema, options: Options, zone: string, bad: BadRecordCollector): AsyncIterable<readonly TextRow[]> {
  let chunk: TextRow[] = [];
  for await (const r of csvRowsOneByOne(file, data, options, zone, bad)) {
    chunk.push(r);
    if (chunk.length === CHUNK_ROWS) { yield chunk; chunk = []; }
  }
  if (chunk.length > 0) yield chunk;
}

async function* csvRowsOneByOne(file: string, data: Schema, options: Options, zone: string, bad: BadRecordCollector): AsyncIterable<TextRow> {
  const o = csvOptions(options);
  const permissive = bad.policy.mode === "PERMISSIVE";
  const n = data.fields.length;
  let first = true;
  for await (const r of csvRecords(file, o)) {
    if (first && o.header && r.ok) { first = false; continue; }
    first = false;
    let reason: string | null = r.ok ? null : r.reason;
    let cells: Cell[] | null = null;
    if (r.ok) {
      if (r.fields.length !== n) {
        reason = `expected ${n} fields, got ${r.fields.length}`;
      } else {
        cells = new Array<Cell>(n);
        for (let i = 0; i < n; i++) {
          const f = r.fields[i]!, t = data.fields[i]!;
          if (isNull(f, o)) { cells[i] = null; continue; }
          const c = parseText(f.text, t.type, zone);
          if (c === undefined) { reason = `field "${t.name}": ${JSON.stringify(f.text)} is not a ${t.type}`; break; }
          cells[i] = c;
        }
      }
    }
    if (reason !== null) {
      bad.report(r.line, reason, r.raw);
      if (permissive) yield { cells: null, line: r.line, raw: r.raw };
      continue;
    }
    yield { cells, line: r.line, raw: null };
  }
}

const csvFormat: TextFormat = {
  format: "csv",
  infer: (files, options, policy) => inferCsv(files, options, policy),
  rows: csvRows,
};

/** Reads CSV files (a file or a directory): `spark.read.csv(path, { header, inferSchema | schema, sep, quote, ... })`. */
export const csvSource = textSource(csvFormat);
