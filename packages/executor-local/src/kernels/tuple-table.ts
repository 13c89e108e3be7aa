// Dense ids for tuples of small ints (each key column already mapped to a per-column id), in an
// open-addressing table. Replaces composite string keys for multi-column grouping and distinct:
// no string is built per row, and memory is a few Int32Arrays instead of a Map of strings.
import { prefaulted } from "./prefault.js";

/** A 32-bit finalizer (murmur3 fmix32). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

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

  constructor(readonly width: number, capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = prefaulted(new Int32Array(2 * cap));
    this.mask = cap - 1;
    this.cols = Array.from({ length: width }, () => new Int32Array(capacity));
    this.rowCapacity = capacity;
  }

  private hashRow(parts: readonly Int32Array[], i: number): number {
    let h = 0x345678;
    for (let c = 0; c < parts.length; c++) h = Math.imul(h ^ mix(parts[c]![i]!), 0x01000193);
    return mix(h);
  }

  private sameRow(id: number, parts: readonly Int32Array[], i: number): boolean {
    for (let c = 0; c < parts.length; c++) if (this.cols[c]![id] !== parts[c]![i]) return false;
    return true;
  }

  /** The id of row i of `parts` (one id array per column), or -1 when absent. */
  get(parts: readonly Int32Array[], i: number): number {
    const h = this.hashRow(parts, i), slots = this.slots;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = slots[2 * s]! - 1;
      if (id === -1) return -1;
      if (slots[2 * s + 1] === h && this.sameRow(id, parts, i)) return id;
    }
  }

  /** The id of row i of `parts`, inserting it (as id `size`) when new. */
  getOrInsert(parts: readonly Int32Array[], i: number): number {
    const h = this.hashRow(parts, i), slots = this.slots;
    let s = h & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const id = slots[2 * s]! - 1;
      if (id === -1) break;
      if (slots[2 * s + 1] === h && this.sameRow(id, parts, i)) return id;
    }
    const id = this.size++;
    if (id >= this.rowCapacity) this.growRows();
    for (let c = 0; c < parts.length; c++) this.cols[c]![id] = parts[c]![i]!;
    slots[2 * s] = id + 1;
    slots[2 * s + 1] = h;
    // Load ≤ 3/4: the slots of a big distinct() are most of its memory (and page faults).
    if (this.size * 4 > this.mask * 3) this.rehash();
    return id;
  }

  private growRows(): void {
    const cap = this.rowCapacity * 2;
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
