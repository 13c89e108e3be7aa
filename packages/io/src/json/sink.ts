// JSON lines writer: one object per line, nulls omitted unless ignoreNullFields is false, timestamps ISO in the session zone (Spark's format).
import { promises as fsp } from "node:fs";
import type { Schema } from "@lgde/core";
import { fileSink, type FileFormat, type FileWriter } from "../write/file-sink.js";
import { jsonLines } from "./render.js";

async function open(file: string, dataSchema: Schema, options: unknown, ctx: { timeZone: string }): Promise<FileWriter> {
  // Spark's `ignoreNullFields` (default true): false writes `"k":null` instead of leaving the key out.
  const raw = (options as { readonly [k: string]: unknown } | null | undefined)?.["ignoreNullFields"];
  const ignoreNulls = !(raw === false || raw === "false");
  const fh = await fsp.open(file, "wx");
  return {
    async write(batch) {
      await fh.write(jsonLines(batch, dataSchema, ignoreNulls, ctx.timeZone));
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
