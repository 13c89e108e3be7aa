// distinct() and dropDuplicates(columns): the first row of each key (nulls equal), in input order;
// streamed, except that a key of several columns is held a window at a time once its tuples are many
// (FirstTuples).
import type { Schema } from "@lgde/core";
import { FirstInts } from "../kernels/first-ints.js";
import { FirstTuples } from "../kernels/first-tuples.js";
import { GroupTable, rowsOfNewIds } from "../kernels/hash.js";
import { takeChunk } from "../kernels/select.js";
import type { Chunk } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";

export interface DistinctExec {
  readonly kind: "distinct";
  readonly input: PhysicalPlan;
  /** Key column indices, or null for all columns. */
  readonly keys: readonly number[] | null;
  readonly schema: Schema;
}

/** Indices of the rows whose key is new to `table` (first occurrence only). */
export function firstOccurrences(table: GroupTable, c: Chunk, keys: readonly number[] | null): Int32Array {
  const cols = keys === null ? c.columns : keys.map((k) => c.columns[k]!);
  const before = table.size;
  return rowsOfNewIds(table.assign(cols, c.length), c.length, before, table.size);
}

export async function* executeDistinct(node: DistinctExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const keys = node.keys ?? node.schema.fields.map((_, i) => i);
  const types = keys.map((k) => node.schema.fields[k]!.type);
  const pick = (c: Chunk, idx: Int32Array): Chunk | null => (idx.length === c.length ? c : idx.length > 0 ? takeChunk(c, idx) : null);
  if (types.length > 1) {
    // Several key columns: streamed while the tuples are few, held and deduped by partitions after.
    const tuples = new FirstTuples(types, keys);
    for await (const c of rt.run(node.input)) {
      for (const { chunk, rows } of tuples.add(c)) {
        const out = pick(chunk, rows);
        if (out !== null) yield out;
      }
    }
    for (const { chunk, rows } of tuples.finish()) {
      const out = pick(chunk, rows);
      if (out !== null) yield out;
    }
    return;
  }
  // One int key: a bit per value instead of an id table.
  const t0 = types[0];
  let firstRows: (c: Chunk) => Int32Array;
  if (t0 === "int32" || t0 === "date") {
    const ints = new FirstInts(t0);
    firstRows = (c) => ints.firstRows(c.columns[keys[0]!]!, c.length);
  } else {
    const table = new GroupTable(types, false);
    firstRows = (c) => firstOccurrences(table, c, node.keys);
  }
  for await (const c of rt.run(node.input)) {
    const out = pick(c, firstRows(c));
    if (out !== null) yield out;
  }
}
