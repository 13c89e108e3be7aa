// createDataFrame's in-memory rows as a Spark LocalRelation: one Arrow IPC stream.
import * as arrow from "apache-arrow";
import { toArrowSchema, type ValuesNode, unaliasBuffers } from "@lgde/core";
import type { RelationMsg } from "./messages.js";

/** An empty batch of `schema`, so that the stream always has one (Spark reads the schema from batches). */
function emptyBatch(schema: arrow.Schema): arrow.RecordBatch {
  const children = schema.fields.map((f) => arrow.makeData({ type: f.type, length: 0, nullCount: 0 }));
  return new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: 0, nullCount: 0, children }));
}

/** The node's batches relabelled with exactly our Arrow schema (names, types) and written as an IPC stream. */
export function valuesIpc(node: ValuesNode): Uint8Array {
  const schema = toArrowSchema(node.schema);
  const batches = node.batches
    .filter((b) => b.numRows > 0)
    .map((b) => unaliasBuffers(new arrow.RecordBatch(schema, arrow.makeData({
      type: new arrow.Struct(schema.fields), length: b.numRows, nullCount: 0, children: b.data.children,
    }))));
  const table = new arrow.Table(schema, batches.length > 0 ? batches : [emptyBatch(schema)]);
  return arrow.tableToIPC(table, "stream");
}

export function lowerValues(node: ValuesNode): RelationMsg {
  return { localRelation: { data: valuesIpc(node) } };
}
