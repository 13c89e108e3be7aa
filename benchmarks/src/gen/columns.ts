// Arrow vectors built straight from typed arrays (vectorFromArray is too slow for tens of millions of rows).
import * as arrow from "apache-arrow";

/** A Utf8 vector of `values` (null where null). */
export function utf8(values: readonly (string | null)[]): arrow.Vector<arrow.Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    bytes += v == null ? 0 : Buffer.byteLength(v);
    offsets[i + 1] = bytes;
  }
  const data = Buffer.allocUnsafe(bytes);
  let nulls = 0;
  const validity = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v == null) { nulls++; continue; }
    validity[i >> 3]! |= 1 << (i & 7);
    data.write(v, offsets[i]!, "utf8");
  }
  const type = new arrow.Utf8();
  const nullBitmap = nulls > 0 ? validity : undefined;
  return arrow.makeVector(arrow.makeData({ type, length: n, nullCount: nulls, valueOffsets: offsets, data: new Uint8Array(data.buffer, data.byteOffset, bytes), nullBitmap }));
}

export function int32(values: Int32Array): arrow.Vector<arrow.Int32> {
  return arrow.makeVector(values);
}

export function int64(values: BigInt64Array): arrow.Vector<arrow.Int64> {
  return arrow.makeVector(values);
}

/** `epochSeconds` as `yyyy-MM-dd HH:mm:ss` in Asia/Seoul (a fixed UTC+9 since 1988). */
export function seoulTime(epochSeconds: number): string {
  return new Date((epochSeconds + 9 * 3600) * 1000).toISOString().slice(0, 19).replace("T", " ");
}
