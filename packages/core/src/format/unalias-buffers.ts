// Copies of column buffers that alias another buffer of the same batch, before IPC encoding
// (the workers executor's exchanges, the Parquet writer): every IPC writer must go through it.
//
// Why: apache-arrow's IPC writer concatenates the body buffers it wrote with `joinUint8Arrays`,
// which "collapses" consecutive chunks of one ArrayBuffer whose byte ranges touch or OVERLAP into
// one chunk. Two columns backed by the same memory (e.g. `count(1) AS a, count(1) AS b`: the local
// executor computes the call once and both outputs share its BigInt64Array) are written as two
// identical chunks and collapsed into one, so the body comes out a buffer short and the reader
// takes the stream's end marker (0xFFFFFFFF 0x00000000) as the last column's values: 4294967295.
import * as arrow from "apache-arrow";

type Claimed = Map<ArrayBufferLike, [number, number][]>;

/** Whether `view` overlaps a range already claimed in `seen`; claims it otherwise. */
function overlapsClaimed(seen: Claimed, view: ArrayBufferView | null | undefined): boolean {
  if (view === null || view === undefined || view.byteLength === 0) return false;
  const start = view.byteOffset, end = start + view.byteLength;
  let ranges = seen.get(view.buffer);
  if (ranges === undefined) seen.set(view.buffer, (ranges = []));
  for (const [s, e] of ranges) if (start < e && s < end) return true;
  ranges.push([start, end]);
  return false;
}

type Typed = Uint8Array | Int32Array | BigInt64Array | Float64Array;
const copyOf = <T extends ArrayBufferView | undefined>(v: T): T => (v === undefined ? v : ((v as unknown as Typed).slice() as unknown as T));

function unaliasData(d: arrow.Data, seen: Claimed): arrow.Data {
  const children = d.children.map((c) => unaliasData(c, seen));
  let changed = children.some((c, i) => c !== d.children[i]);
  // Same order as arrow.BufferType: OFFSET, DATA, VALIDITY, TYPE.
  const buffers = [d.valueOffsets, d.values, d.nullBitmap, d.typeIds] as (ArrayBufferView | undefined)[];
  for (let b = 0; b < buffers.length; b++) {
    if (overlapsClaimed(seen, buffers[b])) { buffers[b] = copyOf(buffers[b]); changed = true; }
  }
  if (!changed) return d;
  return new arrow.Data(d.type, d.offset, d.length, d.nullCount, buffers as never, children, d.dictionary);
}

/** The batch itself when no two of its column buffers share memory, else a copy of it where none do. */
export function unaliasBuffers(batch: arrow.RecordBatch): arrow.RecordBatch {
  const seen: Claimed = new Map();
  const children = batch.data.children.map((c) => unaliasData(c, seen));
  if (children.every((c, i) => c === batch.data.children[i])) return batch;
  const data = arrow.makeData({ type: new arrow.Struct(batch.schema.fields), length: batch.numRows, nullCount: 0, children });
  return new arrow.RecordBatch(batch.schema, data);
}
