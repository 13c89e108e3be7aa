// Direct-indexed group ids for int keys in a small range (DuckDB's "perfect hash aggregate"):
// while max - min of the keys seen stays small relative to the rows seen, the id of key k lives at
// slot k - base of a typed array, so grouping, distinct and join lookups need no hashing. When the
// range grows too wide the caller migrates the keys to a hash table (`entries`).
import type { IntList } from "./builder.js";
import { prefaulted } from "./prefault.js";

/** The widest key range kept dense, whatever the row count (2^24 slots = 64 MiB). */
export const DENSE_MAX_RANGE = 1 << 24;
/** A range this small is always kept dense (4 MiB). */
export const DENSE_MIN_RANGE = 1 << 20;

/** The widest key range kept dense after `rows` rows: max(4 × rows, 2^20), at most 2^24. */
export function denseRangeLimit(rows: number): number {
  return Math.min(DENSE_MAX_RANGE, Math.max(4 * rows, DENSE_MIN_RANGE));
}

/** Whether keys spanning `range` values may stay dense after `rows` rows (range ≤ max(4 × rows, 2^20), ≤ 2^24). */
export function denseRangeOk(range: number, rows: number): boolean {
  return range <= denseRangeLimit(rows);
}

/** Min and max of the valid values of a[start..n), or null when there is none. */
export function intRange(a: Int32Array, valid: Uint8Array | null, start: number, n: number): { lo: number; hi: number } | null {
  let lo = 2147483647, hi = -2147483648, any = false;
  if (valid === null) {
    for (let i = start; i < n; i++) { const x = a[i]!; if (x < lo) lo = x; if (x > hi) hi = x; }
    any = n > start;
  } else {
    for (let i = start; i < n; i++) {
      if (valid[i] === 0) continue;
      const x = a[i]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      any = true;
    }
  }
  return any ? { lo, hi } : null;
}

/** Key → id for int keys within [base, base + slots.length); slot holds id + 1, 0 when absent. */
export class DenseIds {
  base = 0;
  slots = new Int32Array(0);

  /**
   * Makes room for keys in [lo, hi] if the range of those and of the keys already inserted stays
   * acceptable after `rows` rows; false (nothing changed) when it would be too wide.
   */
  cover(lo: number, hi: number, rows: number): boolean {
    const slots = this.slots, cap = slots.length;
    if (lo >= this.base && hi < this.base + cap) return true;
    // The exact bounds of the inserted keys (a scan, but only when the slots must grow anyway).
    let first = 0, last = cap - 1;
    while (first < cap && slots[first] === 0) first++;
    while (last >= first && slots[last] === 0) last--;
    const nlo = first <= last ? Math.min(lo, this.base + first) : lo;
    const nhi = first <= last ? Math.max(hi, this.base + last) : hi;
    const span = nhi - nlo + 1;
    if (!denseRangeOk(span, rows)) return false;
    // Grow with slack (half the span, split between both ends, within the allowed range): random keys
    // settle after one or two batches, drifting keys (ids, timestamps) grow geometrically.
    const allowed = Math.min(DENSE_MAX_RANGE, Math.max(4 * rows, DENSE_MIN_RANGE));
    const size = Math.max(span, Math.min(allowed, span + Math.ceil(span / 2)));
    // Kept within int32 so that `(k - base) >>> 0 < size` is an exact bounds check for int32 k.
    const base = Math.max(-2147483648, Math.min(2147483648 - size, nlo - Math.floor((size - span) / 2)));
    const next = prefaulted(new Int32Array(size));
    if (first <= last) next.set(slots.subarray(first, last + 1), this.base + first - base);
    this.slots = next;
    this.base = base;
    return true;
  }

  /** The id of k, or -1. */
  get(k: number): number {
    const s = k - this.base;
    return s >= 0 && s < this.slots.length ? this.slots[s]! - 1 : -1;
  }

  /** Calls f(key, id) for every inserted key. */
  entries(f: (key: number, id: number) => void): void {
    const slots = this.slots;
    for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) f(s + this.base, slots[s]! - 1);
  }
}

/**
 * Ids for rows start..n-1 of int keys `a` through direct indexing, new keys getting ids `size`,
 * `size + 1`, ...; null rows get `nullId`. New keys are appended to `keys` when given. Stops at the first key outside the slots
 * or the first null while `nullId` < 0, and returns that row (n when done) and the new size.
 */
export function assignDenseIds(d: DenseIds, a: Int32Array, valid: Uint8Array | null, start: number, n: number, out: Int32Array, size: number, nullId: number, keys: IntList | null = null): { stop: number; size: number } {
  const slots = d.slots, base = d.base, cap = slots.length;
  let i = start;
  if (valid === null) {
    // The common no-null loop, kept minimal: one unsigned bounds check and one load per row.
    for (; i < n; i++) {
      const x = a[i]!, s = x - base;
      if (s >>> 0 >= cap) break;
      const id = slots[s]!;
      if (id !== 0) { out[i] = id - 1; continue; }
      slots[s] = ++size;
      out[i] = size - 1;
      if (keys !== null) keys.push(x);
    }
    return { stop: i, size };
  }
  for (; i < n; i++) {
    if (valid[i] === 0) { if (nullId < 0) break; out[i] = nullId; continue; }
    const x = a[i]!, s = x - base;
    if (s >>> 0 >= cap) break;
    const id = slots[s]!;
    if (id !== 0) { out[i] = id - 1; continue; }
    slots[s] = ++size;
    out[i] = size - 1;
    if (keys !== null) keys.push(x);
  }
  return { stop: i, size };
}
