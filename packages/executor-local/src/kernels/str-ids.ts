// Ids for a single utf8 key column without making a JS string per row: an open-addressing table
// over the UTF-8 bytes (hashed with a multiplicative mix, compared byte by byte on a hash hit).
// Equal strings ⇔ equal bytes, so ids match those of a Map over the decoded strings.
import type { StrVec } from "./vector.js";

/** 32-bit hash of bytes[s..e). */
function hashBytes(bytes: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  let i = s;
  for (; i + 4 <= e; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = Math.imul(h ^ w, 0x01000193);
    h ^= h >>> 15;
  }
  for (; i < e; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Maps strings (as bytes) to dense ids in first-seen order. Mutable; owned by one GroupTable. */
export class StrIds {
  size = 0;
  /** The id of the null key, -1 until a null row is seen. */
  nullId = -1;
  /** The bytes of each id's string: bytes[offsets[id] .. offsets[id + 1]). */
  private bytes = new Uint8Array(4096);
  private offsets = new Int32Array(1025);
  private hashes = new Int32Array(1024);
  /** Slot → id, -1 when empty. */
  private slots = new Int32Array(2048).fill(-1);
  private mask = 2047;

  private same(id: number, src: Uint8Array, s: number, e: number): boolean {
    const o = this.offsets[id]!, n = this.offsets[id + 1]! - o;
    if (n !== e - s) return false;
    const b = this.bytes;
    for (let k = 0; k < n; k++) if (b[o + k] !== src[s + k]) return false;
    return true;
  }

  /** The id of row i of v (valid), or -1; with `insert`, a new string gets id `size`. */
  private find(v: StrVec, i: number, insert: boolean): number {
    const src = v.bytes, s = v.offsets[i]!, e = v.offsets[i + 1]!;
    const h = hashBytes(src, s, e);
    let slot = h & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot]!;
      if (id === -1) break;
      if (this.hashes[id] === h && this.same(id, src, s, e)) return id;
    }
    if (!insert) return -1;
    const id = this.size++;
    this.append(id, src, s, e, h);
    this.slots[slot] = id;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private append(id: number, src: Uint8Array, s: number, e: number, h: number): void {
    if (id >= this.hashes.length) {
      const cap = this.hashes.length * 2;
      const o = new Int32Array(cap + 1); o.set(this.offsets); this.offsets = o;
      const hs = new Int32Array(cap); hs.set(this.hashes); this.hashes = hs;
    }
    const at = this.offsets[id]!, end = at + (e - s);
    if (end > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < end) cap *= 2;
      const b = new Uint8Array(cap); b.set(this.bytes.subarray(0, at)); this.bytes = b;
    }
    for (let k = s; k < e; k++) this.bytes[at + k - s] = src[k]!;
    this.offsets[id + 1] = end;
    this.hashes[id] = h;
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

  /** The null key's id: an empty entry that is in no slot, so that no string finds it. */
  private newNull(): number {
    this.nullId = this.size++;
    this.append(this.nullId, this.bytes, 0, 0, 0);
    return this.nullId;
  }

  /** Ids of rows 0..n-1, inserting new strings (and the null key) as ids from `size`. */
  assign(v: StrVec, n: number, out: Int32Array): void {
    const valid = v.valid;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) out[i] = this.nullId >= 0 ? this.nullId : this.newNull();
      else out[i] = this.find(v, i, true);
    }
  }

  /** Ids of rows 0..n-1 without inserting (-1 when absent). */
  lookup(v: StrVec, n: number, out: Int32Array): void {
    const valid = v.valid;
    for (let i = 0; i < n; i++) out[i] = valid !== null && valid[i] === 0 ? this.nullId : this.find(v, i, false);
  }
}
