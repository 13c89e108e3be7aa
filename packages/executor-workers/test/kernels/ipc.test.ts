// IPC encoding round trips, including batches whose columns share memory (arrow's writer drops
// aliased body buffers; this once turned count(1) into 4294967295 in a worker).
import * as arrow from "apache-arrow";
import { describe, expect, it } from "vitest";
import { decodeBatches, encodeBatches } from "../../src/kernels/ipc.js";
import { unaliasBuffers } from "@lgde/core";

const values = (b: arrow.RecordBatch) => b.toArray().map((r) => Object.values(r.toJSON() as Record<string, unknown>));

function batchOf(columns: Record<string, arrow.Data>): arrow.RecordBatch {
  const fields = Object.entries(columns).map(([name, d]) => new arrow.Field(name, d.type, true));
  const children = Object.values(columns);
  const schema = new arrow.Schema(fields);
  return new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: children[0]!.length, nullCount: 0, children }));
}

const int64 = (v: BigInt64Array) => arrow.makeData({ type: new arrow.Int64(), length: v.length, data: v });
const utf8 = (offsets: Int32Array, bytes: Uint8Array) =>
  arrow.makeData({ type: new arrow.Utf8(), length: offsets.length - 1, valueOffsets: offsets, data: bytes });

function roundTrip(b: arrow.RecordBatch): unknown[][] {
  return decodeBatches(encodeBatches(b.schema, [b])).flatMap(values);
}

describe("encodeBatches", () => {
  it("keeps every column when two columns are the same buffer (identical aggregates)", () => {
    const shared = int64(new BigInt64Array([1n, 2n]));
    const b = batchOf({ a: shared, b: shared, c: int64(new BigInt64Array([1n, 1n])) });
    expect(roundTrip(b)).toEqual([[1n, 1n, 1n], [2n, 2n, 1n]]);
  });

  it("keeps every column when columns are overlapping views of one ArrayBuffer", () => {
    const backing = new BigInt64Array([5n, 6n, 7n, 8n]);
    const b = batchOf({ a: int64(backing.subarray(0, 3)), b: int64(backing.subarray(1, 4)), c: int64(backing.subarray(3, 4).slice()) });
    // Lengths differ; take the common prefix of one row per column via a batch of length 1.
    const one = batchOf({ a: int64(backing.subarray(0, 2)), b: int64(backing.subarray(1, 3)), c: int64(new BigInt64Array([9n, 9n])) });
    expect(roundTrip(one)).toEqual([[5n, 6n, 9n], [6n, 7n, 9n]]);
    expect(b.numRows).toBe(3);
  });

  it("keeps strings whose columns share offsets and bytes", () => {
    const s = utf8(new Int32Array([0, 1, 3]), new TextEncoder().encode("abc"));
    expect(roundTrip(batchOf({ x: s, y: s, n: int64(new BigInt64Array([4n, 5n])) }))).toEqual([["a", "a", 4n], ["bc", "bc", 5n]]);
  });

  it("leaves batches without aliasing untouched", () => {
    const b = batchOf({ a: int64(new BigInt64Array([1n])), b: int64(new BigInt64Array([2n])) });
    expect(unaliasBuffers(b)).toBe(b);
    // Contiguous (touching, not overlapping) views are written correctly by arrow and need no copy.
    const backing = new BigInt64Array([1n, 2n]);
    const t = batchOf({ a: int64(backing.subarray(0, 1)), b: int64(backing.subarray(1, 2)) });
    expect(unaliasBuffers(t)).toBe(t);
    expect(roundTrip(t)).toEqual([[1n, 2n]]);
  });
});
