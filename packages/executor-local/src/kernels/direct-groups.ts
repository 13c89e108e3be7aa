// Group ids that are the key itself, for a single int32/date grouping key in a range not much
// wider than the rows (DuckDB's "perfect hash aggregate"): key k is group 1 + (k - base) and the
// null group is 0, so grouping reads no id table (one less random access per row than `DenseIds`),
// and accumulators index their state by the key's offset. The groups present are flagged and
// picked out, in key order, at the end.
//
// Growing the range upwards keeps every id (only `numGroups` grows); growing it downwards shifts
// the ids of keys by the growth, which the caller must apply to whatever it keeps per group.
// The flags alone also serve as a set of int keys (`addFresh`/`countFresh`, for DISTINCT aggregates).
import type { IntList } from "./builder.js";
import { prefaulted } from "./prefault.js";

// Ranges are one short of a power of two, so that with the null group the ids fill one exactly
// (accumulators grow their arrays by doubling).
/** The widest range indexed directly (per-group state of 2^22 groups: 16 MiB per int32 array). */
export const DIRECT_MAX_RANGE = (1 << 22) - 1;
/** A range this small is indexed directly after a batch or so (as `DenseIds` keeps 2^20 slots). */
export const DIRECT_MIN_RANGE = (1 << 20) - 1;

/**
 * The widest key range indexed directly after `rows` input rows: 4 slots per row, or up to 2^20
 * slots at 64 per row (a first full batch of random keys in a million-value range qualifies), at
 * most 2^22. Per-group state and the final scan of the slots stay linear in the input.
 */
export function directRangeLimit(rows: number): number {
  return Math.min(DIRECT_MAX_RANGE, Math.max(4 * rows, Math.min(DIRECT_MIN_RANGE, 64 * rows)));
}

/** Whether keys spanning `span` values may be indexed directly after `rows` input rows. */
export function directRangeOk(span: number, rows: number): boolean {
  return span <= directRangeLimit(rows);
}

const INT32_MIN = -2147483648;
const TWO31 = 2147483648;

/** Set bits in a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export class DirectGroups {
  /** The key of slot 0 (group 1). */
  base: number;
  /** Slots for keys base .. base + capacity - 1. */
  capacity: number;
  /**
   * Bit g set when group id g (0 = null, 1 + slot) has rows. Bits rather than bytes: a million
   * groups take 128 KiB, which stays in cache while rows land on random groups.
   */
  present: Int32Array;

  /**
   * Groups for keys in [lo, hi] (with some room around them for later keys); `limit` gives the
   * widest range allowed after so many rows (the caller checked that [lo, hi] is within it).
   */
  constructor(lo: number, hi: number, rows: number, private readonly limit: (rows: number) => number = directRangeLimit) {
    const span = hi - lo + 1;
    const size = this.sized(span, rows);
    this.capacity = size;
    this.base = DirectGroups.clampBase(lo - Math.floor((size - span) / 2), size);
    this.present = prefaulted(new Int32Array((size + 32) >>> 5));
  }

  /** Room for `span` keys and half as many again, within what the rows allow. */
  private sized(span: number, rows: number): number {
    return Math.max(span, Math.min(this.limit(rows), span + Math.ceil(span / 2)));
  }

  /** `base` kept within int32 so that `(k - base) >>> 0 < capacity` is an exact bounds check for int32 k. */
  private static clampBase(base: number, size: number): number {
    return Math.max(INT32_MIN, Math.min(TWO31 - size, base));
  }

  /** Ids run 0 .. numGroups - 1 (not all present). */
  get numGroups(): number { return this.capacity + 1; }

  /** Whether group id g has rows. */
  has(g: number): boolean { return ((this.present[g >>> 5]! >>> (g & 31)) & 1) === 1; }

  /** Flags group id g. */
  mark(g: number): void { this.present[g >>> 5]! |= 1 << (g & 31); }

  /**
   * Flags the groups of rows start..n-1 of int32 keys `a` and writes their ids to `out` (when not
   * null). Stops at the first valid key outside the range and returns that row (n when done).
   */
  assign(a: Int32Array, valid: Uint8Array | null, start: number, n: number, out: Int32Array | null): number {
    const present = this.present, base = this.base, cap = this.capacity;
    let i = start;
    if (out === null) {
      if (valid === null) {
        for (; i < n; i++) {
          const s = a[i]! - base;
          if (s >>> 0 >= cap) break;
          const g = s + 1;
          present[g >>> 5]! |= 1 << (g & 31);
        }
      } else {
        for (; i < n; i++) {
          if (valid[i] === 0) { present[0]! |= 1; continue; }
          const s = a[i]! - base;
          if (s >>> 0 >= cap) break;
          const g = s + 1;
          present[g >>> 5]! |= 1 << (g & 31);
        }
      }
      return i;
    }
    if (valid === null) {
      for (; i < n; i++) {
        const s = a[i]! - base;
        if (s >>> 0 >= cap) break;
        const g = s + 1;
        out[i] = g;
        present[g >>> 5]! |= 1 << (g & 31);
      }
    } else {
      for (; i < n; i++) {
        if (valid[i] === 0) { out[i] = 0; present[0]! |= 1; continue; }
        const s = a[i]! - base;
        if (s >>> 0 >= cap) break;
        const g = s + 1;
        out[i] = g;
        present[g >>> 5]! |= 1 << (g & 31);
      }
    }
    return i;
  }

  /**
   * As a set of keys: appends to `fresh` the rows start..n-1 whose valid key was not present yet
   * (flagging it), skipping nulls. Stops at the first key outside the range and returns that row.
   */
  addFresh(a: Int32Array, valid: Uint8Array | null, start: number, n: number, fresh: IntList): number {
    const present = this.present, base = this.base, cap = this.capacity;
    const rows = fresh.reserve(n - start);
    let i = start, len = fresh.length;
    if (valid === null) {
      for (; i < n; i++) {
        const s = a[i]! - base;
        if (s >>> 0 >= cap) break;
        const g = s + 1, w = present[g >>> 5]!, bit = 1 << (g & 31);
        if ((w & bit) === 0) { present[g >>> 5] = w | bit; rows[len++] = i; }
      }
    } else {
      for (; i < n; i++) {
        if (valid[i] === 0) continue;
        const s = a[i]! - base;
        if (s >>> 0 >= cap) break;
        const g = s + 1, w = present[g >>> 5]!, bit = 1 << (g & 31);
        if ((w & bit) === 0) { present[g >>> 5] = w | bit; rows[len++] = i; }
      }
    }
    fresh.length = len;
    return i;
  }

  /**
   * As `addFresh`, but only counts the rows of new keys: returns the row it stopped at and how
   * many keys were new.
   */
  countFresh(a: Int32Array, valid: Uint8Array | null, start: number, n: number): { stop: number; added: number } {
    const present = this.present, base = this.base, cap = this.capacity;
    let i = start, added = 0;
    if (valid === null) {
      for (; i < n; i++) {
        const s = a[i]! - base;
        if (s >>> 0 >= cap) break;
        const g = s + 1, w = present[g >>> 5]!, bit = 1 << (g & 31);
        if ((w & bit) === 0) { present[g >>> 5] = w | bit; added++; }
      }
    } else {
      for (; i < n; i++) {
        if (valid[i] === 0) continue;
        const s = a[i]! - base;
        if (s >>> 0 >= cap) break;
        const g = s + 1, w = present[g >>> 5]!, bit = 1 << (g & 31);
        if ((w & bit) === 0) { present[g >>> 5] = w | bit; added++; }
      }
    }
    return { stop: i, added };
  }

  /** Flags the null group (an all-null key column). */
  markNull(): void { this.present[0]! |= 1; }

  /** The lowest and highest key ids present (null group aside), or null. */
  private presentRange(): { first: number; last: number } | null {
    const present = this.present, words = present.length;
    // The null group's bit aside.
    const word = (w: number) => (w === 0 ? present[0]! & ~1 : present[w]!);
    let lo = 0;
    while (lo < words && word(lo) === 0) lo++;
    if (lo === words) return null;
    let hi = words - 1;
    while (word(hi) === 0) hi--;
    const x = word(lo), y = word(hi);
    return { first: (lo << 5) + 31 - Math.clz32(x & -x), last: (hi << 5) + 31 - Math.clz32(y) };
  }

  /**
   * Widens the range to take keys in [lo, hi] if the keys present and those still fit after
   * `rows` rows; returns what was added to the ids of keys (0 when the range only grew upwards),
   * or null (nothing changed) when the range would be too wide.
   */
  cover(lo: number, hi: number, rows: number): number | null {
    const cap = this.capacity;
    if (lo >= this.base && hi < this.base + cap) return 0;
    const r = this.presentRange();
    const nlo = r !== null ? Math.min(lo, this.base + r.first - 1) : lo;
    const nhi = r !== null ? Math.max(hi, this.base + r.last - 1) : hi;
    const span = nhi - nlo + 1;
    if (span > this.limit(rows)) return null;
    const size = this.sized(span, rows);
    // Shifting every id costs a pass over all groups: without room for a quarter more keys, falling
    // keys would shift them again and again (quadratic), so the caller moves to a table instead.
    if (nlo < this.base && size < span + Math.ceil(span / 4)) return null;
    // The room goes where the keys went: below for falling keys, above for rising ones, which keep
    // their ids when the range still starts at `base`.
    const base = DirectGroups.clampBase(nlo < this.base ? nhi - size + 1 : nhi - this.base < size ? this.base : nlo, size);
    const shift = this.base - base;
    const old = this.present, next = prefaulted(new Int32Array((size + 32) >>> 5));
    if (shift === 0) next.set(old);
    else {
      next[0] = old[0]! & 1;
      for (let w = 0; w < old.length; w++) {
        let x = w === 0 ? old[0]! & ~1 : old[w]!;
        while (x !== 0) {
          const t = x & -x, g = (w << 5) + 31 - Math.clz32(t) + shift;
          next[g >>> 5]! |= 1 << (g & 31);
          x ^= t;
        }
      }
    }
    this.present = next;
    this.capacity = size;
    this.base = base;
    return shift;
  }

  /** The ids of the groups present, in key order after the null group. */
  presentIds(): Int32Array {
    const present = this.present, words = present.length;
    let count = 0;
    for (let w = 0; w < words; w++) count += popcount(present[w]!);
    const ids = new Int32Array(count);
    for (let w = 0, k = 0; w < words; w++) {
      let x = present[w]!;
      while (x !== 0) {
        const t = x & -x;
        ids[k++] = (w << 5) + 31 - Math.clz32(t);
        x ^= t;
      }
    }
    return ids;
  }

  /** The key of each id in `ids` (null for id 0), as a column of `type`. */
  keys(ids: Int32Array, type: "int32" | "date"): { type: "int32" | "date"; length: number; values: Int32Array; valid: Uint8Array | null } {
    const n = ids.length, values = new Int32Array(n), base = this.base - 1;
    let valid: Uint8Array | null = null;
    for (let k = 0; k < n; k++) {
      const g = ids[k]!;
      if (g === 0) { valid ??= new Uint8Array(n).fill(1); valid[k] = 0; continue; }
      values[k] = base + g;
    }
    return { type, length: n, values, valid };
  }
}
