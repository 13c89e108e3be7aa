// createDataFrame: rows (with a DDL schema, column names or inference) or an Arrow table -> a Values plan.
import * as arrow from "apache-arrow";
import { parseDdl } from "../format/ddl.js";
import { columnReader } from "../format/from-arrow.js";
import { inferSchema } from "../format/infer.js";
import { batchOf, columnData, rowsToBatches, type InputRow } from "../format/to-arrow.js";
import { Values } from "../plan/nodes/index.js";
import type { ValuesNode } from "../plan/plan.js";
import { field, fromArrowType, schema as makeSchema, toArrowType, type Field, type Schema } from "../types/data-type.js";

/** The plan of `createDataFrame(rows, schema?)`. */
export function valuesFromRows(
  rows: readonly InputRow[],
  schemaArg: string | readonly string[] | Schema | undefined,
  batchSize: number,
): ValuesNode {
  if (!Array.isArray(rows)) throw new TypeError("createDataFrame: expected an array of rows or an Arrow table");
  let s: Schema;
  if (schemaArg === undefined) s = inferSchema(rows);
  else if (typeof schemaArg === "string") s = parseDdl(schemaArg);
  else if (Array.isArray(schemaArg)) s = inferSchema(rows, schemaArg as readonly string[]);
  else s = schemaArg as Schema;
  return Values.create(rowsToBatches(rows, s, batchSize), s);
}

/** Re-stores a column whose Arrow type is not the engine's own (e.g. Int8, Float32, dictionary, ms timestamps). */
function normalizeColumn(data: arrow.Data, f: Field): arrow.Data {
  if (arrow.util.compareTypes(data.type, toArrowType(f.type))) return data;
  const read = columnReader(data, f.name);
  const cells = Array.from({ length: data.length }, (_, i) => read(i));
  return columnData(f, cells);
}

/** The plan of `createDataFrame(table)`: the table's batches, converted where its types differ from the engine's. */
export function valuesFromArrow(table: arrow.Table): ValuesNode {
  const s = makeSchema(table.schema.fields.map((f) => field(f.name, fromArrowType(f.type, f.name), f.nullable)));
  const batches = table.batches.map((b) => {
    const columns = b.data.children.map((d, i) => normalizeColumn(d, s.fields[i]!));
    return columns.every((c, i) => c === b.data.children[i]) && b.schema.fields.every((f, i) => f.nullable === s.fields[i]!.nullable)
      ? b
      : batchOf(s, columns, b.numRows);
  });
  return Values.create(batches, s);
}
