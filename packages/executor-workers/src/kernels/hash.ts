// Row hashing for hash exchanges: equal keys of the same type land in the same bucket, in every thread.
import * as arrow from "apache-arrow";

const NULL_HASH = 0x9e3779b9 | 0;
const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/** A 32-bit integer finalizer (murmur3 fmix32), so that consecutive keys spread over buckets. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function isNullAt(data: arrow.Data, i: number): boolean {
  if (data.nullCount === 0 || data.nullBitmap === undefined || data.nullBitmap.length === 0) return false;
  const bit = data.offset + i;
  return ((data.nullBitmap[bit >> 3]! >> (bit & 7)) & 1) === 0;
}

/** Hashes one column's values into `out` (combined with what is there). */
function hashColumn(data: arrow.Data, out: Int32Array): void {
  const n = data.length;
  const combine = (i: number, h: number) => { out[i] = Math.imul(out[i]!, 31) + h; };
  const t = data.type as arrow.DataType;
  const nulls = data.nullCount > 0;
  if (arrow.DataType.isNull(t)) {
    for (let i = 0; i < n; i++) combine(i, NULL_HASH);
  } else if (arrow.DataType.isUtf8(t)) {
    const offsets = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    for (let i = 0; i < n; i++) {
      if (nulls && isNullAt(data, i)) { combine(i, NULL_HASH); continue; }
      let h = 0x811c9dc5 | 0;
      for (let k = offsets[i]!, e = offsets[i + 1]!; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
      combine(i, mix(h));
    }
  } else if (arrow.DataType.isBool(t)) {
    const bits = data.values as Uint8Array;
    for (let i = 0; i < n; i++) {
      if (nulls && isNullAt(data, i)) { combine(i, NULL_HASH); continue; }
      const bit = data.offset + i;
      combine(i, mix(((bits[bit >> 3]! >> (bit & 7)) & 1) + 1));
    }
  } else if (arrow.DataType.isFloat(t)) {
    const v = data.values as Float64Array;
    for (let i = 0; i < n; i++) {
      if (nulls && isNullAt(data, i)) { combine(i, NULL_HASH); continue; }
      const x = v[i]!;
      // -0 equals 0 and every NaN equals every other NaN for grouping and joins.
      f64[0] = x === 0 ? 0 : Number.isNaN(x) ? NaN : x;
      combine(i, mix(f64Words[0]! ^ mix(f64Words[1]!)));
    }
  } else {
    const v = data.values as Int32Array | BigInt64Array;
    if (v instanceof BigInt64Array) {
      const words = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
      for (let i = 0; i < n; i++) {
        if (nulls && isNullAt(data, i)) { combine(i, NULL_HASH); continue; }
        combine(i, mix(words[2 * i]! ^ mix(words[2 * i + 1]!)));
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (nulls && isNullAt(data, i)) { combine(i, NULL_HASH); continue; }
        combine(i, mix(v[i]!));
      }
    }
  }
}

/** The bucket (0..buckets-1) of every row, hashing the given key columns of the batch. */
export function bucketsOf(batch: arrow.RecordBatch, keyColumns: readonly number[], buckets: number): Int32Array {
  const n = batch.numRows;
  const h = new Int32Array(n);
  for (const c of keyColumns) hashColumn(batch.data.children[c]!, h);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = (mix(h[i]!) >>> 0) % buckets;
  return out;
}

/** Row indices per bucket, each in input order. */
export function groupByBucket(bucketOfRow: Int32Array, buckets: number): Int32Array[] {
  const counts = new Int32Array(buckets);
  for (let i = 0; i < bucketOfRow.length; i++) counts[bucketOfRow[i]!]!++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(buckets);
  for (let i = 0; i < bucketOfRow.length; i++) {
    const b = bucketOfRow[i]!;
    out[b]![fill[b]!++] = i;
  }
  return out;
}
