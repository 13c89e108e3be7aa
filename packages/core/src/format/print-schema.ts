// Spark's printSchema() tree.
import { SPARK_TYPE_NAMES, type Schema } from "../types/data-type.js";

/**
 * The schema as Spark's `StructType.treeString`:
 * ```
 * root
 *  |-- k: integer (nullable = true)
 * ```
 * (each line ends with a newline, like Spark's).
 */
export function schemaTreeString(s: Schema): string {
  return `root\n${s.fields.map((f) => ` |-- ${f.name}: ${SPARK_TYPE_NAMES[f.type]} (nullable = ${f.nullable})\n`).join("")}`;
}
