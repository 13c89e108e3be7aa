// Dense ids for tuples of small ints (each key column already mapped to a per-column id), in an
// open-addressing table. Replaces composite string keys for multi-column grouping and distinct:
// no string is built per row, and memory is a few Int32Arrays instead of a Map of strings.

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
  private hashes: Int32Array;
  /** Slot → id, -1 when empty. */
  private slots: Int32Array;
  private mask: number;

  constructor(readonly width: number, capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.cols = Array.from({ length: width }, () => new Int32Array(capacity));
    this.hashes = new Int32Array(capacity);
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
    const h = this.hashRow(parts, i);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s]!;
      if (id === -1) return -1;
      if (this.hashes[id] === h && this.sameRow(id, parts, i)) return id;
    }
  }

  /** The id of row i of `parts`, inserting it (as id `size`) when new. */
  getOrInsert(parts: readonly Int32Array[], i: number): number {
    const h = this.hashRow(parts, i);
    let s = h & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const id = this.slots[s]!;
      if (id === -1) break;
      if (this.hashes[id] === h && this.sameRow(id, parts, i)) return id;
    }
    const id = this.size++;
    if (id >= this.hashes.length) this.growRows();
    for (let c = 0; c < parts.length; c++) this.cols[c]![id] = parts[c]![i]!;
    this.hashes[id] = h;
    this.slots[s] = id;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private growRows(): void {
    const cap = this.hashes.length * 2;
    const grow = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.cols = this.cols.map(grow);
    this.hashes = grow(this.hashes);
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let s = this.hashes[id]! & this.mask;
      while (this.slots[s] !== -1) s = (s + 1) & this.mask;
      this.slots[s] = id;
    }
  }
}
