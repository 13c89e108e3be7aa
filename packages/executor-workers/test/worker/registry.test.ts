// A task's exchange input is let go buffer by buffer as it is read, unless the fragment reads it twice.
import * as arrow from "apache-arrow";
import { describe, expect, it } from "vitest";
import { Scan, Union, schema, type LogicalPlan, type SourceRef } from "@lgde/core";
import { encodeBatches } from "../../src/kernels/ipc.js";
import { workerRegistry } from "../../src/worker/registry.js";
import { LEAF_FORMAT_PREFIX, type WireLeaf } from "../../src/wire.js";

const s = schema([{ name: "x", type: "int32", nullable: true }]);
const ref: SourceRef = { format: `${LEAF_FORMAT_PREFIX}a`, options: {}, schema: s, description: "exchange leaf a" };

function ipcOf(values: number[]): Uint8Array {
  const data = arrow.makeData({ type: new arrow.Int32(), length: values.length, data: Int32Array.from(values) });
  const fields = [new arrow.Field("x", new arrow.Int32(), true)];
  const batch = new arrow.RecordBatch(new arrow.Schema(fields), arrow.makeData({ type: new arrow.Struct(fields), length: values.length, nullCount: 0, children: [data] }));
  return encodeBatches(batch.schema, [batch]);
}

async function readAll(plan: LogicalPlan, leaf: Extract<WireLeaf, { kind: "ipc" }>): Promise<number[][]> {
  const registry = workerRegistry([], { a: leaf }, plan);
  const provider = registry.source(ref.format);
  const parts = await provider.partitions(ref, { projection: null, filters: [] });
  const out: number[][] = [];
  for (const p of parts) {
    const rows: number[] = [];
    for await (const b of provider.read(ref, p, { projection: null, filters: [] }, { timeZone: "UTC", batchSize: 1024, sources: registry } as never)) {
      rows.push(...(b.getChildAt(0)!.toArray() as Int32Array));
    }
    out.push(rows);
  }
  return out;
}

describe("workerRegistry: exchange input", () => {
  it("drops each buffer once read when the fragment scans the leaf once", async () => {
    const leaf = { kind: "ipc" as const, buffers: [ipcOf([1, 2]), ipcOf([3])] };
    expect(await readAll(Scan.create(ref), leaf)).toEqual([[1, 2], [3]]);
    expect(leaf.buffers).toEqual([null, null]);
  });

  it("keeps the buffers when the fragment scans the leaf twice (both scans see every row)", async () => {
    const leaf = { kind: "ipc" as const, buffers: [ipcOf([1, 2]), ipcOf([3])] };
    const twice = Union.create([Scan.create(ref), Scan.create(ref)]);
    expect(await readAll(twice, leaf)).toEqual([[1, 2], [3]]);
    expect(await readAll(twice, leaf)).toEqual([[1, 2], [3]]);
    expect(leaf.buffers.every((b) => b !== null)).toBe(true);
  });
});
