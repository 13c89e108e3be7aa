// Spark's JSON schema inference: integers → bigint, mixed integer/float → double, strings, booleans,
// nested values and conflicting types → string, null-only fields → string; fields sorted by name.
import { field, schema, type DataType, type Schema } from "@lgde/core";
import { readLineChunks } from "../text/lines.js";
import { widen } from "../text/convert.js";
import type { BadRecordPolicy } from "../text/bad-records.js";
import { IoError } from "../util/errors.js";

/** The type of one JSON value (null for JSON null). */
export function jsonValueType(v: unknown): DataType {
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) && !Object.is(v, -0) ? "int64" : "float64";
  if (typeof v === "string") return "utf8";
  if (typeof v === "boolean") return "bool";
  return "utf8"; // objects and arrays are kept as their JSON text
}

/** Parses a JSON line to an object, or returns the reason it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `invalid JSON: ${(e as Error).message}`;
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return "not a JSON object";
  return v as Record<string, unknown>;
}

export async function inferJson(files: readonly string[], policy: BadRecordPolicy): Promise<Schema> {
  const types = new Map<string, DataType>();
  for (const file of files) {
    for await (const { first, lines } of readLineChunks(file, "json")) {
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!;
        if (text.trim() === "") continue;
        const obj = parseJsonObject(text);
        if (typeof obj === "string") {
          if (policy.mode === "FAILFAST") throw new IoError(`json: malformed record in ${file} at line ${first + i}: ${obj}: ${text.slice(0, 200)}`);
          continue;
        }
        for (const [k, v] of Object.entries(obj)) {
          const t = jsonValueType(v);
          const prev = types.get(k);
          types.set(k, prev === undefined ? t : widen(prev, t));
        }
      }
    }
  }
  const names = [...types.keys()].sort();
  return schema(names.map((n) => field(n, types.get(n) === "null" ? "utf8" : types.get(n)!, true)));
}
