// JSON lines reader: one object per line, streamed; values converted to the schema like Spark's.
import type { DataType, Schema } from "@lgde/core";
import type { Cell } from "../arrow/builder.js";
import { textSource, type TextFormat, type TextRow } from "../text/text-source.js";
import type { BadRecordCollector } from "../text/bad-records.js";
import { readLineChunks } from "../text/lines.js";
import { parseDate, parseTimestamp } from "../time/zone.js";
import { inferJson, parseJsonObject } from "./infer.js";

const INT32_MIN = -(2 ** 31), INT32_MAX = 2 ** 31 - 1;

/** A JSON value as a cell of `type`, or undefined when it does not fit. */
export function jsonToCell(v: unknown, type: DataType, zone: string): Cell | undefined {
  if (v === null || v === undefined) return null;
  switch (type) {
    case "int32": return typeof v === "number" && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? v : undefined;
    case "int64": return typeof v === "number" && Number.isInteger(v) ? BigInt(v) : undefined;
    case "float64": return typeof v === "number" ? v : undefined;
    case "utf8": return typeof v === "string" ? v : JSON.stringify(v);
    case "bool": return typeof v === "boolean" ? v : undefined;
    case "timestamp":
      if (typeof v === "string") return parseTimestamp(v, zone) ?? undefined;
      if (typeof v === "number" && Number.isFinite(v)) return BigInt(Math.round(v * 1_000_000)); // epoch seconds
      return undefined;
    case "date": return typeof v === "string" ? parseDate(v) ?? undefined : undefined;
    case "null": return null;
  }
}

async function* jsonRows(file: string, data: Schema, _options: unknown, zone: string, bad: BadRecordCollector): AsyncIterable<readonly TextRow[]> {
  const permissive = bad.policy.mode === "PERMISSIVE";
  const fields = data.fields;
  for await (const { first, lines } of readLineChunks(file, "json")) {
    const out: TextRow[] = [];
    for (let k = 0; k < lines.length; k++) {
      const text = lines[k]!, line = first + k;
      if (text.trim() === "") continue;
      const obj = parseJsonObject(text);
      let reason: string | null = typeof obj === "string" ? obj : null;
      let cells: Cell[] | null = null;
      if (typeof obj !== "string") {
        cells = new Array<Cell>(fields.length);
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!;
          const c = jsonToCell(obj[f.name], f.type, zone);
          if (c === undefined) { reason = `field "${f.name}": ${JSON.stringify(obj[f.name])} is not a ${f.type}`; break; }
          cells[i] = c;
        }
      }
      if (reason !== null) {
        bad.report(line, reason, text);
        if (permissive) out.push({ cells: null, line, raw: text });
        continue;
      }
      out.push({ cells, line, raw: null });
    }
    if (out.length > 0) yield out;
  }
}

const jsonFormat: TextFormat = {
  format: "json",
  infer: (files, _options, policy) => inferJson(files, policy),
  rows: jsonRows,
};

/** Reads JSON lines files (a file or a directory): `spark.read.json(path, { schema?, mode?, ... })`. */
export const jsonSource = textSource(jsonFormat);
