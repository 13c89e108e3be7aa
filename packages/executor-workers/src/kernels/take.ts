// Takes rows of Arrow columns by index, building new typed arrays (no per-row JS objects).
import * as arrow from "apache-arrow";

function validAt(data: arrow.Data, i: number): boolean {
  if (data.nullCount === 0 || data.nullBitmap === undefined || data.nullBitmap.length === 0) return true;
  const bit = data.offset + i;
  return ((data.nullBitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

function takeValidity(data: arrow.Data, idx: Int32Array): { bitmap: Uint8Array | undefined; nullCount: number } {
  if (data.nullCount === 0) return { bitmap: undefined, nullCount: 0 };
  const bitmap = new Uint8Array((idx.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < idx.length; i++) {
    if (validAt(data, idx[i]!)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return nulls === 0 ? { bitmap: undefined, nullCount: 0 } : { bitmap, nullCount: nulls };
}

/** Rows `idx` of one column. */
export function takeData(data: arrow.Data, idx: Int32Array): arrow.Data {
  const t = data.type as arrow.DataType;
  const length = idx.length;
  if (arrow.DataType.isNull(t)) return arrow.makeData({ type: t as arrow.Null, length });
  const { bitmap, nullCount } = takeValidity(data, idx);
  if (arrow.DataType.isUtf8(t)) {
    const offsets = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    const outOffsets = new Int32Array(length + 1);
    let total = 0;
    for (let i = 0; i < length; i++) {
      const j = idx[i]!;
      total += offsets[j + 1]! - offsets[j]!;
      outOffsets[i + 1] = total;
    }
    const out = new Uint8Array(total);
    for (let i = 0; i < length; i++) {
      const j = idx[i]!;
      const s = offsets[j]!, e = offsets[j + 1]!;
      if (e - s < 16) { let p = outOffsets[i]!; for (let k = s; k < e; k++) out[p++] = bytes[k]!; }
      else out.set(bytes.subarray(s, e), outOffsets[i]!);
    }
    return arrow.makeData({ type: t as arrow.Utf8, length, nullCount, nullBitmap: bitmap, valueOffsets: outOffsets, data: out });
  }
  if (arrow.DataType.isBool(t)) {
    const bits = data.values as Uint8Array;
    const out = new Uint8Array((length + 7) >> 3);
    for (let i = 0; i < length; i++) {
      const bit = data.offset + idx[i]!;
      if ((bits[bit >> 3]! >> (bit & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
    }
    return arrow.makeData({ type: t as arrow.Bool, length, nullCount, nullBitmap: bitmap, data: out });
  }
  // Fixed width: int32, int64, float64, date (days), timestamp (microseconds).
  const values = data.values as Int32Array | BigInt64Array | Float64Array;
  const ctor = values.constructor as { new (n: number): Int32Array | BigInt64Array | Float64Array };
  const out = new ctor(length);
  if (out instanceof BigInt64Array) {
    // Word by word: reading a BigInt64Array element allocates a BigInt.
    const v = values as BigInt64Array;
    const from = new Int32Array(v.buffer, v.byteOffset, v.length * 2), to = new Int32Array(out.buffer, 0, length * 2);
    for (let i = 0; i < length; i++) { const j = idx[i]! * 2; to[2 * i] = from[j]!; to[2 * i + 1] = from[j + 1]!; }
  } else {
    const v = values as Int32Array | Float64Array;
    const o = out as Int32Array | Float64Array;
    for (let i = 0; i < length; i++) o[i] = v[idx[i]!]!;
  }
  return arrow.makeData({ type: t as arrow.Int, length, nullCount, nullBitmap: bitmap, data: out as never });
}

/** Rows `idx` of the first `columns` columns of a batch, under `schema`. */
export function takeBatch(batch: arrow.RecordBatch, idx: Int32Array, schema: arrow.Schema): arrow.RecordBatch {
  const children = schema.fields.map((_, c) => takeData(batch.data.children[c]!, idx));
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length: idx.length, nullCount: 0, children });
  return new arrow.RecordBatch(schema, data);
}
