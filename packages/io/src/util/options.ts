// Typed access to the JSON-safe option bags that resolve() and write() receive.
import type { JsonValue } from "@lgde/core";
import { IoError } from "./errors.js";

export type Options = { readonly [key: string]: JsonValue };

/** A string option, or `fallback`. Numbers and booleans are accepted and stringified (Spark options are strings). */
export function stringOption(o: Options, key: string, fallback: string): string;
export function stringOption(o: Options, key: string, fallback?: undefined): string | undefined;
export function stringOption(o: Options, key: string, fallback?: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  throw new IoError(`option "${key}" must be a string, got ${JSON.stringify(v)}`);
}

/** A boolean option; accepts `true`/`false` and the strings `"true"`/`"false"` as Spark does. */
export function boolOption(o: Options, key: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  throw new IoError(`option "${key}" must be true or false, got ${JSON.stringify(v)}`);
}

/** A positive integer option. */
export function intOption(o: Options, key: string, fallback: number): number {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  if (!Number.isInteger(n) || n <= 0) throw new IoError(`option "${key}" must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** The `path` option: one path or a list of paths. */
export function pathsOption(o: Options, format: string): string[] {
  const v = o["path"] ?? o["paths"];
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === "string")) return v as string[];
  throw new IoError(`${format}: option "path" must be a path or a list of paths, got ${JSON.stringify(v ?? null)}`);
}

/** A string → string map option such as `partitionColumnTypes: { dt: "string", hour: "int" }`. */
export function mapOption(o: Options, key: string): Record<string, string> {
  const v = o[key];
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw new IoError(`option "${key}" must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as { readonly [key: string]: JsonValue })) {
    if (typeof x !== "string") throw new IoError(`option "${key}.${k}" must be a string`);
    out[k] = x;
  }
  return out;
}
