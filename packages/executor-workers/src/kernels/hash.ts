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

// One loop per function: V8 compiles a hot loop on its own (on-stack replacement) and the code
// after it in the same function has no type feedback yet, so a function with several loops is
// deoptimized after its first loop, on every batch. Small functions each get optimized once.

const combine = (out: Int32Array, i: number, h: number, first: boolean) => { out[i] = first ? h : Math.imul(out[i]!, 31) + h; };

function hashNulls(n: number, out: Int32Array, first: boolean): void {
  for (let i = 0; i < n; i++) combine(out, i, NULL_HASH, first);
}

function hashUtf8(data: arrow.Data, out: Int32Array, first: boolean): void {
  const n = data.length, nulls = data.nullCount > 0;
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  for (let i = 0; i < n; i++) {
    let h = NULL_HASH;
    if (!nulls || !isNullAt(data, i)) {
      h = 0x811c9dc5 | 0;
      for (let k = offsets[i]!, e = offsets[i + 1]!; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
      h = mix(h);
    }
    combine(out, i, h, first);
  }
}

function hashBool(data: arrow.Data, out: Int32Array, first: boolean): void {
  const n = data.length, nulls = data.nullCount > 0;
  const bits = data.values as Uint8Array;
  for (let i = 0; i < n; i++) {
    const bit = data.offset + i;
    combine(out, i, nulls && isNullAt(data, i) ? NULL_HASH : mix(((bits[bit >> 3]! >> (bit & 7)) & 1) + 1), first);
  }
}

function hashFloat64(data: arrow.Data, out: Int32Array, first: boolean): void {
  const n = data.length, nulls = data.nullCount > 0;
  const v = data.values as Float64Array;
  for (let i = 0; i < n; i++) {
    let h = NULL_HASH;
    if (!nulls || !isNullAt(data, i)) {
      const x = v[i]!;
      // -0 equals 0 and every NaN equals every other NaN for grouping and joins.
      f64[0] = x === 0 ? 0 : Number.isNaN(x) ? NaN : x;
      h = mix(f64Words[0]! ^ mix(f64Words[1]!));
    }
    combine(out, i, h, first);
  }
}

function hashInt64(data: arrow.Data, out: Int32Array, first: boolean): void {
  const n = data.length, nulls = data.nullCount > 0;
  const v = data.values as BigInt64Array;
  const words = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
  for (let i = 0; i < n; i++) combine(out, i, nulls && isNullAt(data, i) ? NULL_HASH : mix(words[2 * i]! ^ mix(words[2 * i + 1]!)), first);
}

function hashInt32(data: arrow.Data, out: Int32Array, first: boolean): void {
  const n = data.length, nulls = data.nullCount > 0;
  const v = data.values as Int32Array;
  for (let i = 0; i < n; i++) combine(out, i, nulls && isNullAt(data, i) ? NULL_HASH : mix(v[i]!), first);
}

/** Hashes one column's values into `out`: the first key column sets it, later ones combine (h * 31 + x). */
function hashColumn(data: arrow.Data, out: Int32Array, first: boolean): void {
  const t = data.type as arrow.DataType;
  if (arrow.DataType.isNull(t)) hashNulls(data.length, out, first);
  else if (arrow.DataType.isUtf8(t)) hashUtf8(data, out, first);
  else if (arrow.DataType.isBool(t)) hashBool(data, out, first);
  else if (arrow.DataType.isFloat(t)) hashFloat64(data, out, first);
  else if (data.values instanceof BigInt64Array) hashInt64(data, out, first);
  else hashInt32(data, out, first);
}

/** Turns row hashes into buckets in place and counts the rows of each bucket. */
function toBuckets(h: Int32Array, buckets: number, counts: Int32Array): void {
  for (let i = 0; i < h.length; i++) {
    // A non-negative int32 modulo: `(x >>> 0) % buckets` is a float modulo, several times slower.
    const b = (mix(h[i]!) >>> 1) % buckets;
    h[i] = b;
    counts[b]!++;
  }
}

/** Each row's bucket (0..buckets-1), hashing the given key columns of the batch, and the rows per bucket. */
export function bucketsOf(batch: arrow.RecordBatch, keyColumns: readonly number[], buckets: number): { readonly bucketOfRow: Int32Array; readonly counts: Int32Array } {
  const h = new Int32Array(batch.numRows);
  keyColumns.forEach((c, k) => hashColumn(batch.data.children[c]!, h, k === 0));
  const counts = new Int32Array(buckets);
  toBuckets(h, buckets, counts);
  return { bucketOfRow: h, counts };
}

/** Row indices per bucket, each in input order (`counts`: the rows of each bucket). */
export function groupByBucket(bucketOfRow: Int32Array, counts: Int32Array): Int32Array[] {
  const out = Array.from(counts, (c) => new Int32Array(c));
  fillBuckets(bucketOfRow, out, new Int32Array(counts.length));
  return out;
}

function fillBuckets(bucketOfRow: Int32Array, out: Int32Array[], fill: Int32Array): void {
  for (let i = 0; i < bucketOfRow.length; i++) {
    const b = bucketOfRow[i]!;
    out[b]![fill[b]!++] = i;
  }
}
