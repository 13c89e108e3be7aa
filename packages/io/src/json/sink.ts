// JSON lines writer: one object per line, nulls omitted unless ignoreNullFields is false, timestamps ISO in the session zone (Spark's format).
import { promises as fsp } from "node:fs";
import type { Schema } from "@lgde/core";
import { cellReader } from "../arrow/cells.js";
import { cellText } from "../text/format-cell.js";
import { fileSink, type FileFormat, type FileWriter } from "../write/file-sink.js";

async function open(file: string, dataSchema: Schema, options: unknown, ctx: { timeZone: string }): Promise<FileWriter> {
  // Spark's `ignoreNullFields` (default true): false writes `"k":null` instead of leaving the key out.
  const raw = (options as { readonly [k: string]: unknown } | null | undefined)?.["ignoreNullFields"];
  const ignoreNulls = !(raw === false || raw === "false");
  const fh = await fsp.open(file, "wx");
  const keys = dataSchema.fields.map((f) => JSON.stringify(f.name));
  return {
    async write(batch) {
      const readers = dataSchema.fields.map((f, i) => cellReader(batch.getChildAt(i)!, f.type));
      const lines: string[] = [];
      for (let r = 0; r < batch.numRows; r++) {
        const parts: string[] = [];
        for (let c = 0; c < readers.length; c++) {
          const v = readers[c]!(r);
          if (v === null) {
            if (!ignoreNulls) parts.push(`${keys[c]}:null`);
            continue;
          }
          const t = dataSchema.fields[c]!.type;
          const text = t === "utf8" ? JSON.stringify(v)
            : t === "float64" && !Number.isFinite(Number(v)) ? JSON.stringify(String(v))
            : t === "timestamp" || t === "date" ? JSON.stringify(cellText(v, t, ctx.timeZone))
            : cellText(v, t, ctx.timeZone);
          parts.push(`${keys[c]}:${text}`);
        }
        lines.push(`{${parts.join(",")}}\n`);
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

const jsonFormat: FileFormat = { format: "json", extension: "json", writeEmptyFile: true, open };

/** Writes JSON lines: `df.write.json(path)`. */
export const jsonSink = fileSink(jsonFormat);
