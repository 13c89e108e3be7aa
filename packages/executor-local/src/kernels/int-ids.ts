// Ids for a single integer key column (int32, date, int64, timestamp): direct indexing while the
// key range is small (`DenseIds`), an open-addressing Int32Table once it is too wide; int64 values
// that fit in int32 take the same paths (read as 32-bit words, no BigInt per row), the rest a Map.
// Ids are dense, in first-seen order; all null rows share one id.
import type { IntList } from "./builder.js";
import { assignDenseIds, DenseIds, intRange } from "./dense-ids.js";

/** Open-addressing int32 → id table (linear probing, power-of-two capacity). */
export class Int32Table {
  private keys: Int32Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Int32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }
  get(k: number): number {
    let h = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
    const keys = this.keys, ids = this.ids;
    for (;;) {
      const id = ids[h]!;
      if (id === -1 || keys[h] === k) return id;
      h = (h + 1) & this.mask;
    }
  }
  /** The id of k, or `fresh` after inserting k with that id. */
  /** Inserts a key known to be absent. */
  insert(k: number, id: number): void {
    if (this.getOrInsert(k, id) !== id) throw new Error(`Int32Table: key ${k} inserted twice`);
  }
  getOrInsert(k: number, fresh: number): number {
    let h = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
    const keys = this.keys, ids = this.ids;
    for (;;) {
      const id = ids[h]!;
      if (id === -1) {
        keys[h] = k; ids[h] = fresh; this.size++;
        if (this.size * 2 > this.mask) this.rehash();
        return fresh;
      }
      if (keys[h] === k) return id;
      h = (h + 1) & this.mask;
    }
  }
  private rehash(): void {
    const oldKeys = this.keys, oldIds = this.ids;
    const cap = (this.mask + 1) * 2;
    this.keys = new Int32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let i = 0; i < oldIds.length; i++) {
      const id = oldIds[i]!;
      if (id === -1) continue;
      const k = oldKeys[i]!;
      let h = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
      while (this.ids[h] !== -1) h = (h + 1) & this.mask;
      this.keys[h] = k; this.ids[h] = id;
    }
  }
}


const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The low words of int64 values when every valid one fits in int32 (a copy), else null.
 * Reads 32-bit words so that no BigInt is made per row.
 */
export function narrowInt64(values: BigInt64Array, valid: Uint8Array | null, n: number): Int32Array | null {
  if (!LITTLE_ENDIAN) return null;
  const words = new Int32Array(values.buffer, values.byteOffset, 2 * n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i]!;
    if (words[2 * i + 1] !== lo >> 31) { if (valid === null || valid[i] === 1) return null; continue; }
    out[i] = lo;
  }
  return out;
}

/** Maps single int keys to ids. Mutable; owned by one GroupTable. */
export class IntIds {
  size = 0;
  nullId = -1;
  private dense: DenseIds | null = new DenseIds();
  private table: Int32Table | null = null;
  /** int64 keys outside the int32 range (as numbers when exact). */
  private readonly wide = new Map<number | bigint, number>();
  private rows = 0;

  /** Whether ids still come from direct indexing (for tests). */
  get isDense(): boolean { return this.dense !== null; }

  /** Ids of int32 keys a[0..n) into out, inserting new keys (appended to `keys` when given, 0 for null). */
  assign32(a: Int32Array, valid: Uint8Array | null, n: number, out: Int32Array, keys: IntList | null = null): void {
    this.rows += n;
    let i = 0;
    while (this.dense !== null) {
      const r = assignDenseIds(this.dense, a, valid, i, n, out, this.size, this.nullId, keys);
      this.size = r.size;
      i = r.stop;
      if (i >= n) return;
      if (valid !== null && valid[i] === 0) { out[i] = this.nullId = this.size++; keys?.push(0); i++; continue; }
      // A key outside the slots: grow them to cover the rest of the batch, or switch to hashing.
      const range = intRange(a, valid, i, n)!;
      if (!this.dense.cover(range.lo, range.hi, this.rows)) this.leaveDense();
    }
    const table = this.table!;
    for (; i < n; i++) {
      if (valid !== null && valid[i] === 0) { if (this.nullId < 0) { this.nullId = this.size++; keys?.push(0); } out[i] = this.nullId; continue; }
      const id = table.getOrInsert(a[i]!, this.size);
      if (id === this.size) { this.size++; keys?.push(a[i]!); }
      out[i] = id;
    }
  }

  /** Ids of int64 keys, inserting new keys. */
  assign64(values: BigInt64Array, valid: Uint8Array | null, n: number, out: Int32Array): void {
    const narrow = narrowInt64(values, valid, n);
    if (narrow !== null) { this.assign32(narrow, valid, n, out); return; }
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) { out[i] = this.nullId >= 0 ? this.nullId : (this.nullId = this.size++); continue; }
      const x = values[i]!;
      if (x >= -2147483648n && x <= 2147483647n) { this.assign32(Int32Array.of(Number(x)), null, 1, out.subarray(i, i + 1)); continue; }
      const k = x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
      let id = this.wide.get(k);
      if (id === undefined) { id = this.size++; this.wide.set(k, id); }
      out[i] = id;
    }
  }

  /** Ids of int32 keys without inserting; -1 where absent. */
  lookup32(a: Int32Array, valid: Uint8Array | null, n: number, out: Int32Array): void {
    if (this.dense !== null) {
      const slots = this.dense.slots, base = this.dense.base, cap = slots.length;
      for (let i = 0; i < n; i++) {
        if (valid !== null && valid[i] === 0) { out[i] = this.nullId; continue; }
        const s = a[i]! - base;
        out[i] = s >>> 0 < cap ? slots[s]! - 1 : -1;
      }
      return;
    }
    const table = this.table!;
    for (let i = 0; i < n; i++) out[i] = valid !== null && valid[i] === 0 ? this.nullId : table.get(a[i]!);
  }

  /** Ids of int64 keys without inserting; -1 where absent. */
  lookup64(values: BigInt64Array, valid: Uint8Array | null, n: number, out: Int32Array): void {
    const narrow = narrowInt64(values, valid, n);
    if (narrow !== null) { this.lookup32(narrow, valid, n, out); return; }
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) { out[i] = this.nullId; continue; }
      const x = values[i]!;
      if (x >= -2147483648n && x <= 2147483647n) { this.lookup32(Int32Array.of(Number(x)), null, 1, out.subarray(i, i + 1)); continue; }
      out[i] = this.wide.get(x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x) ?? -1;
    }
  }

  /** The key range grew too wide for direct indexing: move the keys to the hash table. */
  private leaveDense(): void {
    const table = new Int32Table(Math.max(1024, this.size));
    this.dense!.entries((k, id) => table.insert(k, id));
    this.table = table;
    this.dense = null;
  }
}
