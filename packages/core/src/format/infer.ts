// Schema inference for createDataFrame(rows) without a DDL schema, following PySpark's rules.
import { field, schema, type DataType, type Schema } from "../types/data-type.js";
import type { InputRow } from "./to-arrow.js";

function typeOfValue(v: unknown): DataType | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "number": return Number.isInteger(v) ? "int64" : "float64";
    case "bigint": return "int64";
    case "string": return "utf8";
    case "boolean": return "bool";
    case "object": if (v instanceof Date) return "timestamp";
  }
  return "null"; // marks an unsupported value; reported below
}

function merge(a: DataType, b: DataType, column: string, row: number, v: unknown): DataType {
  if (a === b || a === "null") return b;
  // Spark merges int and double to double: LongType and DoubleType widen.
  if ((a === "int64" && b === "float64") || (a === "float64" && b === "int64")) return "float64";
  throw new TypeError(
    `cannot infer the type of column "${column}": row ${row} holds ${typeof v} ${String(v)} (${b}) but earlier rows hold ${a}; pass a schema`,
  );
}

/**
 * Infers a schema like PySpark: integers are `bigint` (Spark's long), other numbers `double`,
 * strings, booleans, Dates (`timestamp`). Every column is nullable. A column whose values are all
 * null is typed `void` (null). Object rows give columns in first-seen key order; with `names`,
 * rows may be arrays (by position) and columns take those names.
 */
export function inferSchema(rows: readonly InputRow[], names?: readonly string[]): Schema {
  const order: string[] = names ? [...names] : [];
  const types = new Map<string, DataType>(order.map((n) => [n, "null"]));
  rows.forEach((row, r) => {
    if (row === null || typeof row !== "object") throw new TypeError(`row ${r} is ${String(row)}, not an object or an array`);
    const entries: [string, unknown][] = Array.isArray(row)
      ? row.map((v, i) => {
        if (names === undefined || i >= names.length) {
          throw new TypeError(`row ${r} is an array of ${row.length} values; pass ${row.length} column names (or a DDL schema)`);
        }
        return [names[i]!, v];
      })
      : Object.entries(row);
    for (const [name, v] of entries) {
      if (!types.has(name)) {
        if (names) throw new TypeError(`row ${r} has column "${name}" that is not among the given names (${names.join(", ")})`);
        types.set(name, "null");
        order.push(name);
      }
      const t = typeOfValue(v);
      if (t === "null") throw new TypeError(`column "${name}", row ${r}: cannot infer a type for ${typeof v} ${String(v)}`);
      if (t !== null) types.set(name, merge(types.get(name)!, t, name, r, v));
    }
  });
  return schema(order.map((n) => field(n, types.get(n)!, true)));
}
