// Partition columns discovered from `name=value` directories: their types, their values, and
// pruning of whole files whose partition values exclude a pushed-down filter.
import { field, type Expr, type Field, type JsonValue } from "@lgde/core";
import type { Cell } from "../arrow/builder.js";
import { mayMatch, type ColumnRange } from "../pushdown/may-match.js";
import { parseText } from "../text/convert.js";
import { parseDDL, parseTypeName } from "../util/ddl.js";
import { IoError } from "../util/errors.js";
import { mapOption, type Options } from "../util/options.js";
import type { Listing } from "./list-files.js";

/**
 * The partition fields of a listing. Every partition column is a string (`utf8`) unless the option
 * `partitionColumnTypes` (e.g. `{ hour: "int" }`) says otherwise. Unlike Spark, which would infer
 * `dt=20201025` as an int, we keep strings so `yyyyMMdd` values stay `yyyyMMdd`.
 */
export function partitionFields(listing: Listing, options: Options, format: string): Field[] {
  const types = mapOption(options, "partitionColumnTypes");
  return listing.partitionColumns.map((name) =>
    field(name, types[name] === undefined ? "utf8" : parseTypeName(types[name]!, `${format}: partitionColumnTypes.${name}`), true));
}

/** The typed partition cells of one file, by column name; an unparsable value is an error naming the directory. */
export function partitionCells(fields: readonly Field[], values: Readonly<Record<string, string | null>>, file: string, zone: string): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const f of fields) {
    const text = values[f.name] ?? null;
    if (text === null) { out.set(f.name, null); continue; }
    const v = parseText(text, f.type, zone);
    if (v === undefined) throw new IoError(`partition directory ${f.name}=${text} (for ${file}) is not a valid ${f.type}`);
    out.set(f.name, v);
  }
  return out;
}

/** The range of a partition column within one file: a single value. */
export function partitionRange(v: Cell): ColumnRange {
  return v === null ? { rows: 1, nullCount: 1 } : { rows: 1, nullCount: 0, min: v, max: v };
}

/** Whether a file with these partition cells may hold rows that satisfy all filters. */
export function partitionMayMatch(filters: readonly Expr[], cells: Map<string, Cell>): boolean {
  if (cells.size === 0) return true;
  return filters.every((f) => mayMatch(f, (c) => (cells.has(c) ? partitionRange(cells.get(c)!) : undefined)));
}

/** The explicit `schema` option (DDL), if any. */
export function schemaOption(options: Options): ReturnType<typeof parseDDL> | null {
  const s = options["schema"];
  if (s === undefined || s === null) return null;
  if (typeof s !== "string") throw new IoError(`option "schema" must be a DDL string like "a int, b string"`);
  return parseDDL(s);
}

/** A descriptor's partition values, checked. */
export function descriptorValues(d: JsonValue): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (d !== null && typeof d === "object" && !Array.isArray(d)) {
    for (const [k, v] of Object.entries(d as { readonly [key: string]: JsonValue })) out[k] = typeof v === "string" ? v : null;
  }
  return out;
}
