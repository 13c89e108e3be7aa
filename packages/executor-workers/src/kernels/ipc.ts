// Arrow IPC encoding of record batches, the form in which data crosses threads.
import * as arrow from "apache-arrow";
import { unaliasBuffers } from "@lgde/core";

/**
 * What the IPC writer writes (views of the batches' own buffers, and metadata), kept as they are so
 * that they are copied once, straight into their final buffer (shared memory for a cached stage).
 */
class Pieces extends arrow.AsyncByteQueue {
  readonly parts: Uint8Array[] = [];
  byteLength = 0;

  override write(value: Uint8Array): void {
    if (value.byteLength === 0) return;
    this.parts.push(value);
    this.byteLength += value.byteLength;
  }
}

/**
 * One IPC stream holding `batches` (all of one schema), in a buffer of its own (transferable), or
 * in shared memory that every worker reads without a copy.
 */
export function encodeBatches(schema: arrow.Schema, batches: readonly arrow.RecordBatch[], shared = false): Uint8Array {
  const pieces = new Pieces();
  const writer = new arrow.RecordBatchStreamWriter();
  writer.reset(pieces, schema);
  // Aliased column buffers would be dropped by arrow's chunk collapsing (see unalias.ts).
  for (const b of batches) writer.write(unaliasBuffers(b));
  writer.finish();
  const n = pieces.byteLength;
  const out = new Uint8Array(shared ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
  let at = 0;
  for (const p of pieces.parts) { out.set(p, at); at += p.byteLength; }
  return out;
}

/** The batches of an IPC stream, re-stamped with `schema` (same types; names and nullability from the plan). */
export function decodeBatches(bytes: Uint8Array, schema?: arrow.Schema): arrow.RecordBatch[] {
  // Shared buffers (broadcasts, cached in-memory rows) are read in place: Node's TextDecoder accepts
  // views of shared memory, and copying them cost every task a full pass over its input.
  const out: arrow.RecordBatch[] = [];
  const reader = arrow.RecordBatchReader.from(bytes);
  for (const b of reader) out.push(schema === undefined ? b : restamp(b, schema));
  return out;
}

/** The same columns under another schema with identical types (renamed or with other nullability). */
export function restamp(batch: arrow.RecordBatch, schema: arrow.Schema): arrow.RecordBatch {
  if (batch.schema === schema) return batch;
  const children = batch.data.children;
  if (children.length !== schema.fields.length) {
    throw new Error(`internal: batch has ${children.length} columns, expected ${schema.fields.length} (${schema.fields.map((f) => f.name).join(", ")})`);
  }
  schema.fields.forEach((f, i) => {
    if (f.type.typeId !== children[i]!.type.typeId) {
      throw new Error(`internal: column "${f.name}" holds ${String(children[i]!.type)}, expected ${String(f.type)}`);
    }
  });
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length: batch.numRows, nullCount: 0, children });
  return new arrow.RecordBatch(schema, data);
}

/** A copy of `bytes` in shared memory, readable by every worker without a copy per transfer. */
export function toShared(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}
