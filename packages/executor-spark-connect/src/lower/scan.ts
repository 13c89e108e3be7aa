// Scans of files become Spark's Read.DataSource with the format, the paths and our schema as DDL.
import { conjunction, type JsonValue, type ScanNode } from "@lgde/core";
import type { RelationMsg } from "./messages.js";
import { SparkLoweringError } from "./errors.js";
import { attribute, lowerExpr } from "./expr.js";
import { schemaDdl } from "./types.js";

const FILE_FORMATS: ReadonlySet<string> = new Set(["parquet", "json", "csv"]);

/** Options that are ours alone (resolved already, or carried in the schema), not Spark reader options. */
const OUR_OPTIONS: ReadonlySet<string> = new Set(["path", "paths", "schema", "partitionColumns", "partitionColumnTypes", "inferSchema"]);

/** Options of ours with no Spark counterpart: lowering them would change the answer, so they are errors. */
const UNSUPPORTED_OPTIONS: ReadonlySet<string> = new Set(["lineNumberColumn", "badRecordsPath"]);

function paths(node: ScanNode): string[] {
  const v = node.source.options["path"] ?? node.source.options["paths"];
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((p): p is string => typeof p === "string")) return v;
  throw new SparkLoweringError(`scan ${node.source.description}`, `option "path" is not a path or a list of paths`);
}

/** Spark's data source options are strings; nested values have no meaning there. */
function optionText(node: ScanNode, key: string, v: JsonValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new SparkLoweringError(`scan ${node.source.description}`, `option "${key}" (${JSON.stringify(v)}) is not a Spark reader option`);
}

/** Read (full source schema) → Filter (pushed filters, re-applied as the contract says) → Project (projection). */
export function lowerScan(node: ScanNode): RelationMsg {
  const { format, description } = node.source;
  if (!FILE_FORMATS.has(format)) {
    throw new SparkLoweringError(
      `scan ${description}`,
      `format "${format}" has no Spark Connect lowering here (only parquet, json and csv files); ` +
      `read it with the local or workers executor, or load it into files Spark can read`,
    );
  }
  const options: Record<string, string> = {};
  for (const [key, v] of Object.entries(node.source.options)) {
    if (UNSUPPORTED_OPTIONS.has(key)) throw new SparkLoweringError(`scan ${description}`, `option "${key}" has no Spark equivalent`);
    if (OUR_OPTIONS.has(key) || v === null) continue;
    options[key] = optionText(node, key, v);
  }
  let rel: RelationMsg = {
    read: { dataSource: { format, schema: schemaDdl(node.source.schema), options, paths: paths(node) } },
  };
  const pushed = conjunction(node.filters);
  if (pushed !== null) rel = { filter: { input: rel, condition: lowerExpr(pushed) } };
  if (node.projection !== null) rel = { project: { input: rel, expressions: node.projection.map(attribute) } };
  return rel;
}
