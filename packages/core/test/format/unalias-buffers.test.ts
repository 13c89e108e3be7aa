import { describe, expect, it } from "vitest";
import * as arrow from "apache-arrow";
import { unaliasBuffers } from "@lgde/core";

describe("unaliasBuffers", () => {
  it("copies columns that share a buffer, so the IPC stream round-trips", () => {
    const v = arrow.makeData({ type: new arrow.Int64(), length: 3, data: new BigInt64Array([1n, 2n, 3n]) });
    const schema = new arrow.Schema([new arrow.Field("a", new arrow.Int64()), new arrow.Field("b", new arrow.Int64())]);
    const batch = new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: 3, nullCount: 0, children: [v, v] }));
    const safe = unaliasBuffers(batch);
    expect(safe).not.toBe(batch);
    const back = arrow.tableFromIPC(arrow.tableToIPC(new arrow.Table([safe]), "stream"));
    expect(back.toArray().map((r) => [r.a, r.b])).toEqual([[1n, 1n], [2n, 2n], [3n, 3n]]);
    // Without it, arrow-js writes a stream a buffer short (the bug this works around).
    expect(() => {
      const broken = arrow.tableFromIPC(arrow.tableToIPC(new arrow.Table([batch]), "stream"));
      if (broken.getChild("b")!.get(2) !== 3n) throw new Error("corrupt");
    }).toThrow();
  });
  it("returns a batch without shared buffers unchanged", () => {
    const t = arrow.tableFromArrays({ x: Int32Array.from([1, 2]), y: Int32Array.from([3, 4]) });
    expect(unaliasBuffers(t.batches[0]!)).toBe(t.batches[0]);
  });
});
