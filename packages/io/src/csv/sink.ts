// CSV writer: optional header, fields quoted only when needed (delimiter, quote, newline, or empty string).
import { promises as fsp } from "node:fs";
import type { ExecutionContext, Schema } from "@lgde/core";
import { cellReader } from "../arrow/cells.js";
import { cellText } from "../text/format-cell.js";
import { fileSink, type FileFormat, type FileWriter } from "../write/file-sink.js";
import type { Options } from "../util/options.js";
import { csvOptions } from "./options.js";

async function open(file: string, dataSchema: Schema, options: Options, ctx: ExecutionContext): Promise<FileWriter> {
  const o = csvOptions(options);
  const fh = await fsp.open(file, "wx");
  const escapeQuote = o.escape === o.quote ? o.quote + o.quote : o.escape + o.quote;
  const needs = (s: string): boolean =>
    s === "" || s.includes(o.delimiter) || s.includes(o.quote) || s.includes("\n") || s.includes("\r") ||
    (o.escape !== o.quote && s.includes(o.escape)) || s === o.nullValue;
  const field = (s: string): string => {
    if (!needs(s)) return s;
    let body = s;
    if (o.escape !== o.quote) body = body.split(o.escape).join(o.escape + o.escape);
    return `${o.quote}${body.split(o.quote).join(escapeQuote)}${o.quote}`;
  };
  if (o.header) await fh.write(`${dataSchema.fields.map((f) => field(f.name)).join(o.delimiter)}\n`);
  return {
    async write(batch) {
      const readers = dataSchema.fields.map((f, i) => cellReader(batch.getChildAt(i)!, f.type));
      const lines: string[] = [];
      for (let r = 0; r < batch.numRows; r++) {
        lines.push(`${readers.map((read, c) => {
          const v = read(r);
          return v === null ? o.nullValue : field(cellText(v, dataSchema.fields[c]!.type, ctx.timeZone));
        }).join(o.delimiter)}\n`);
      }
      await fh.write(lines.join(""));
    },
    async close() {
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    },
  };
}

const csvFormat: FileFormat = { format: "csv", extension: "csv", writeEmptyFile: true, open };

/** Writes CSV: `df.write.option("header", true).csv(path)`; options `header`, `sep`, `quote`, `escape`, `nullValue`. */
export const csvSink = fileSink(csvFormat);
