// Dense ids for tuples of small ints (each key column already mapped to a per-column id), in an
// open-addressing table. Replaces composite string keys for multi-column grouping and distinct:
// no string is built per row, and memory is a few Int32Arrays instead of a Map of strings.
//
// A batch at a time, in two passes: every row's hash first (column by column), then the probes. A
// big table is bound by the latency of one random read per row; with the hash already computed the
// probe loop is small enough for the CPU to have several of those reads in flight at once (a probe
// per row with the hash computed inside took twice as long on 10M rows).
import { prefaulted } from "./prefault.js";

/** A 32-bit finalizer (murmur3 fmix32). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The hash of rows 0..n-1 over `parts` into `out` (a column at a time: tight loops). */
export function hashRows(parts: readonly Int32Array[], n: number, out: Int32Array): void {
  out.fill(0x345678, 0, n);
  for (const p of parts) combine(p, n, out);
  for (let i = 0; i < n; i++) out[i] = mix(out[i]!);
}

function combine(p: Int32Array, n: number, out: Int32Array): void {
  for (let i = 0; i < n; i++) out[i] = Math.imul(out[i]! ^ mix(p[i]!), 0x01000193);
}

/** Rows hashed and probed at a time (a batch is 32K–64K rows; a join's build side is all of its rows). */
const SLICE_ROWS = 65_536;

/** Maps tuples (one int per column) to dense ids 0..size-1 in first-seen order. */
export class TupleTable {
  size = 0;
  /** Per column, the tuple of each id. */
  private cols: Int32Array[];
  /** Rows the per-column arrays hold. */
  private rowCapacity: number;
  /**
   * Slot s is (id + 1, hash) at [2s, 2s + 1], 0 when empty (a fresh array is already empty): the hash
   * sits next to the id so that a probe touches one cache line.
   */
  private slots: Int32Array;
  private mask: number;
  /** Per-batch hashes, reused. */
  private hashes = new Int32Array(0);

  constructor(readonly width: number, capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = prefaulted(new Int32Array(2 * cap));
    this.mask = cap - 1;
    this.cols = Array.from({ length: width }, () => new Int32Array(capacity));
    this.rowCapacity = capacity;
  }

  /** Hashes of rows `at`..`at + m - 1` (at most SLICE_ROWS) of `parts`. */
  private hashesOf(parts: readonly Int32Array[], at: number, m: number): { hashes: Int32Array; slice: Int32Array[] } {
    if (this.hashes.length < m) this.hashes = new Int32Array(Math.max(m, 1024));
    const slice = parts.map((p) => p.subarray(at, at + m));
    hashRows(slice, m, this.hashes);
    return { hashes: this.hashes, slice };
  }

  /** Ids of rows 0..n-1 of `parts` (one id array per column) into `out`, inserting new tuples (as ids `size`, `size + 1`, ...). */
  assign(parts: readonly Int32Array[], n: number, out: Int32Array): void {
    // In slices: room is made for every row of a slice being new, which must not mean room for a
    // whole join build side of few distinct keys.
    for (let at = 0; at < n; at += SLICE_ROWS) {
      const m = Math.min(SLICE_ROWS, n - at);
      const { hashes, slice } = this.hashesOf(parts, at, m);
      // The probe loop never grows anything (load ≤ 3/4: the slots of a big distinct() are most of its memory).
      if (this.size + m > this.rowCapacity) this.growRows(this.size + m);
      while ((this.size + m) * 4 > this.mask * 3) this.rehash();
      this.size = insertRows(this.slots, this.mask, this.cols, this.size, slice, m, hashes, out.subarray(at, at + m));
    }
  }

  /** Ids of rows 0..n-1 of `parts` into `out`, -1 where the tuple is absent or a part is -1 (a column value never seen). */
  lookup(parts: readonly Int32Array[], n: number, out: Int32Array): void {
    for (let at = 0; at < n; at += SLICE_ROWS) {
      const m = Math.min(SLICE_ROWS, n - at);
      const { hashes, slice } = this.hashesOf(parts, at, m);
      findRows(this.slots, this.mask, this.cols, slice, m, hashes, out.subarray(at, at + m));
    }
  }

  /** The tuples inserted so far, a column of ids each (views, valid until the next insert). */
  tupleColumns(): Int32Array[] {
    return this.cols.map((c) => c.subarray(0, this.size));
  }

  private growRows(need: number): void {
    let cap = this.rowCapacity * 2;
    while (cap < need) cap *= 2;
    const grow = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.cols = this.cols.map(grow);
    this.rowCapacity = cap;
  }

  /**
   * Doubles the slots, reading the old ones in order (each holds its hash): an entry of old slot s
   * lands near s or s + old capacity, so both arrays are walked almost sequentially instead of
   * written at random (a third of a big distinct's time went to rehashing by id).
   */
  private rehash(): void {
    const old = this.slots, oldCap = this.mask + 1;
    const cap = oldCap * 2, mask = cap - 1;
    const slots = (this.slots = prefaulted(new Int32Array(2 * cap)));
    this.mask = mask;
    // Any order of moving is correct; starting at an empty slot keeps each probe run in one piece,
    // so the writes stay near-sequential.
    let start = 0;
    while (old[2 * start] !== 0) start++;
    moveSlots(old, oldCap, start, slots, mask);
  }
}

/** The probe loop of `assign` (its own function: V8 optimizes it alone); returns the new size. */
function insertRows(
  slots: Int32Array, mask: number, cols: readonly Int32Array[], size: number,
  parts: readonly Int32Array[], n: number, hashes: Int32Array, out: Int32Array,
): number {
  const w = parts.length;
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    let s = h & mask;
    for (;;) {
      const id = slots[2 * s]! - 1;
      if (id === -1) {
        for (let c = 0; c < w; c++) cols[c]![size] = parts[c]![i]!;
        out[i] = size++;
        slots[2 * s] = size;
        slots[2 * s + 1] = h;
        break;
      }
      if (slots[2 * s + 1] === h && sameRow(cols, id, parts, i)) { out[i] = id; break; }
      s = (s + 1) & mask;
    }
  }
  return size;
}

function findRows(
  slots: Int32Array, mask: number, cols: readonly Int32Array[], parts: readonly Int32Array[], n: number, hashes: Int32Array, out: Int32Array,
): void {
  for (let i = 0; i < n; i++) {
    let found = -1;
    if (!absentPart(parts, i)) {
      const h = hashes[i]!;
      for (let s = h & mask; ; s = (s + 1) & mask) {
        const id = slots[2 * s]! - 1;
        if (id === -1) break;
        if (slots[2 * s + 1] === h && sameRow(cols, id, parts, i)) { found = id; break; }
      }
    }
    out[i] = found;
  }
}

function sameRow(cols: readonly Int32Array[], id: number, parts: readonly Int32Array[], i: number): boolean {
  for (let c = 0; c < parts.length; c++) if (cols[c]![id] !== parts[c]![i]) return false;
  return true;
}

function absentPart(parts: readonly Int32Array[], i: number): boolean {
  for (let c = 0; c < parts.length; c++) if (parts[c]![i] === -1) return true;
  return false;
}

function moveSlots(old: Int32Array, oldCap: number, start: number, slots: Int32Array, mask: number): void {
  for (let j = 0; j < oldCap; j++) {
    const o = (start + j) & (oldCap - 1);
    const id = old[2 * o]!;
    if (id === 0) continue;
    const h = old[2 * o + 1]!;
    let s = h & mask;
    while (slots[2 * s] !== 0) s = (s + 1) & mask;
    slots[2 * s] = id;
    slots[2 * s + 1] = h;
  }
}
