// Splitting a numeric column's [min, max] into contiguous ranges, like Sqoop's --split-by.
import type { SplitRange } from "./sql.js";

/**
 * Splits integers `min..max` into at most `n` contiguous ranges of near-equal width. The first range is
 * open below and also takes NULLs; the last is open above: rows outside [min, max] (written after MIN/MAX
 * was read) and NULL keys still land in exactly one partition.
 */
export function splitIntegerRange(min: bigint, max: bigint, n: number): SplitRange[] {
  const width = max - min + 1n;
  const parts = BigInt(Math.max(1, n)) > width ? Number(width) : Math.max(1, n);
  const bounds: bigint[] = [];
  for (let i = 1; i < parts; i++) bounds.push(min + (width * BigInt(i)) / BigInt(parts));
  return rangesFromBounds(bounds.map(String));
}

/** Splits floats `[min, max]` into `n` equal-width contiguous ranges (one if min equals max). */
export function splitFloatRange(min: number, max: number, n: number): SplitRange[] {
  const bounds: string[] = [];
  if (max > min) {
    for (let i = 1; i < n; i++) {
      const b = min + ((max - min) * i) / n;
      if (bounds.length === 0 || Number(bounds[bounds.length - 1]) < b) bounds.push(String(b));
    }
  }
  return rangesFromBounds(bounds);
}

/** Ranges between ascending inner bounds: (-inf, b0) ∪ NULL, [b0, b1), ..., [bk, +inf). */
export function rangesFromBounds(bounds: readonly string[]): SplitRange[] {
  const ranges: SplitRange[] = [];
  for (let i = 0; i <= bounds.length; i++) {
    ranges.push(Object.freeze({ lower: i === 0 ? null : bounds[i - 1]!, upper: i === bounds.length ? null : bounds[i]!, nulls: i === 0 }));
  }
  return ranges;
}
