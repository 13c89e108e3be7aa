// One value per group of any type (min, max, first): numbers in a Float64Array, int64 and
// timestamps in a BigInt64Array read as 32-bit words (no BigInt per row), strings as UTF-8 slices
// of one append-only byte arena compared bytewise (no array per group: a million groups of names
// made a million small arrays for the collector).
import type { DataType } from "@lgde/core";
import { compareDouble } from "../eval/binary.js";
import { compareBytes, type Vec } from "../kernels/vector.js";
import { ensure } from "./accumulator.js";

export class ValueSlots {
  has = new Uint8Array(16);
  private nums = new Float64Array(16);
  private bigs = new BigInt64Array(16);
  private bigWords = new Int32Array(this.bigs.buffer);
  /** The 32-bit words of the last int64 input vector (one view per vector, not per row). */
  private inValues: BigInt64Array | null = null;
  private inWords: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Strings: group g's value is arena[starts[g] .. starts[g] + lens[g]). */
  private arena = new Uint8Array(0);
  private used = 0;
  private starts = new Int32Array(0);
  private lens = new Int32Array(0);

  constructor(readonly type: DataType) {}

  grow(n: number): void {
    this.has = ensure(this.has, n);
    if (this.type === "int64" || this.type === "timestamp") {
      if (this.bigs.length < n) { this.bigs = ensure(this.bigs, n); this.bigWords = new Int32Array(this.bigs.buffer); }
    } else if (this.type === "utf8") {
      this.starts = ensure(this.starts, n);
      this.lens = ensure(this.lens, n);
    } else this.nums = ensure(this.nums, n);
  }

  /** Compares row i of v (non-null, this type) with group g's value (which must be set). */
  compare(v: Vec, i: number, g: number): number {
    switch (v.type) {
      case "int64": case "timestamp": {
        // High words signed, low words unsigned (little-endian, as every engine host is).
        const w = this.words(v.values), b = this.bigWords;
        const ah = w[2 * i + 1]!, bh = b[2 * g + 1]!;
        if (ah !== bh) return ah < bh ? -1 : 1;
        const al = w[2 * i]! >>> 0, bl = b[2 * g]! >>> 0;
        return al < bl ? -1 : al > bl ? 1 : 0;
      }
      case "utf8": { const s = this.starts[g]!; return compareBytes(v.bytes, v.offsets[i]!, v.offsets[i + 1]!, this.arena, s, s + this.lens[g]!); }
      case "float64": return compareDouble(v.values[i]!, this.nums[g]!);
      case "int32": case "date": case "bool": return v.values[i]! - this.nums[g]!;
      case "null": return 0;
    }
  }

  private words(values: BigInt64Array): Int32Array<ArrayBufferLike> {
    if (values !== this.inValues) { this.inValues = values; this.inWords = new Int32Array(values.buffer, values.byteOffset, 2 * values.length); }
    return this.inWords;
  }

  /** Room for `n` more bytes: replaced values are dropped first when they are most of the arena. */
  private makeRoom(n: number): void {
    let live = 0;
    for (let g = 0; g < this.lens.length; g++) if (this.has[g] === 1) live += this.lens[g]!;
    if (live * 2 >= this.used) { this.arena = ensure(this.arena, this.used + n); return; }
    const arena = new Uint8Array(Math.max(16, 2 * (live + n)));
    let p = 0;
    for (let g = 0; g < this.lens.length; g++) {
      if (this.has[g] !== 1) continue;
      arena.set(this.arena.subarray(this.starts[g]!, this.starts[g]! + this.lens[g]!), p);
      this.starts[g] = p;
      p += this.lens[g]!;
    }
    this.arena = arena;
    this.used = p;
  }

  /** Sets group g to row i of v (null rows clear it). */
  assign(g: number, v: Vec, i: number): void {
    // Unset first: a replaced string is not kept when the arena is compacted to make room.
    this.has[g] = 0;
    if (v.type === "null" || (v.valid !== null && v.valid[i] === 0)) return;
    switch (v.type) {
      case "int64": case "timestamp": {
        const w = this.words(v.values);
        this.bigWords[2 * g] = w[2 * i]!; this.bigWords[2 * g + 1] = w[2 * i + 1]!;
        break;
      }
      case "utf8": {
        const s = v.offsets[i]!, e = v.offsets[i + 1]!;
        if (this.used + (e - s) > this.arena.length) this.makeRoom(e - s);
        this.arena.set(v.bytes.subarray(s, e), this.used);
        this.starts[g] = this.used; this.lens[g] = e - s;
        this.used += e - s;
        break;
      }
      case "float64": case "int32": case "date": case "bool": this.nums[g] = v.values[i]!; break;
    }
    this.has[g] = 1;
  }

  /** The slots of groups 0..n-1 as a vector (unset groups are null). */
  toVec(n: number): Vec {
    this.grow(n);
    const has = this.has.slice(0, n);
    let valid: Uint8Array | null = null;
    for (let g = 0; g < n; g++) if (has[g] === 0) { valid = has; break; }
    switch (this.type) {
      case "int64": case "timestamp": return { type: this.type, length: n, values: this.bigs.slice(0, n), valid };
      case "float64": return { type: "float64", length: n, values: this.nums.slice(0, n), valid };
      case "int32": case "date": return { type: this.type, length: n, values: Int32Array.from(this.nums.subarray(0, n)), valid };
      case "bool": return { type: "bool", length: n, values: Uint8Array.from(this.nums.subarray(0, n)), valid };
      case "utf8": {
        const offsets = new Int32Array(n + 1);
        let total = 0;
        for (let g = 0; g < n; g++) { if (has[g] === 1) total += this.lens[g]!; offsets[g + 1] = total; }
        const bytes = new Uint8Array(total);
        for (let g = 0; g < n; g++) if (has[g] === 1) bytes.set(this.arena.subarray(this.starts[g]!, this.starts[g]! + this.lens[g]!), offsets[g]!);
        return { type: "utf8", length: n, offsets, bytes, valid };
      }
      case "null": return { type: "null", length: n, valid: new Uint8Array(n) };
    }
  }
}
