// Exact per-group sums: doubles while they are exact integers, promoted to BigInt past 2^53
// (integer input), or plain doubles (float input). Shared by sum and avg.
import { int64FromSafeIntegers, safeIntegersFromInt64 } from "../kernels/int64.js";
import { vecFromValues } from "../kernels/arrow.js";
import { strAt, type Vec } from "../kernels/vector.js";
import { ensure } from "./accumulator.js";

const SAFE = 9007199254740991;

export class SumState {
  sums = new Float64Array(16);
  seen = new Uint8Array(16);
  counts = new Float64Array(16);
  /** Groups whose integer sum left the exact double range. */
  big = new Map<number, bigint>();

  constructor(readonly integral: boolean) {}

  grow(n: number): void {
    this.sums = ensure(this.sums, n);
    this.seen = ensure(this.seen, n);
    this.counts = ensure(this.counts, n);
  }

  private addBig(g: number, x: bigint): void {
    const cur = this.big.get(g) ?? BigInt(this.sums[g]!);
    this.big.set(g, cur + x);
  }

  update(v: Vec, gids: Int32Array, n: number, numGroups: number): void {
    this.grow(numGroups);
    const { sums, seen, counts } = this;
    const valid = v.type === "null" ? new Uint8Array(n) : v.valid;
    // int64 input within the exact double range (counts, sums of partial states) takes the double
    // loop: reading a BigInt64Array element allocates a BigInt.
    const safe = v.type === "int64" || v.type === "timestamp" ? safeIntegersFromInt64(v.values, n) : null;
    switch (v.type) {
      case "int32": case "float64": case "date": case "bool": this.addDoubles(v.values, valid, gids, n); break;
      case "int64": case "timestamp": {
        if (safe !== null) { this.addDoubles(safe, valid, gids, n); break; }
        const a = v.values;
        for (let i = 0; i < n; i++) {
          if (valid !== null && valid[i] === 0) continue;
          const g = gids[i]!;
          seen[g] = 1; counts[g]!++;
          const x = a[i]!;
          if (this.big.size > 0 && this.big.has(g)) { this.addBig(g, x); continue; }
          const xn = Number(x);
          const r = sums[g]! + xn;
          if (xn > SAFE || xn < -SAFE || r > SAFE || r < -SAFE) this.addBig(g, x);
          else sums[g] = r;
        }
        break;
      }
      case "utf8": case "null": break;
    }
  }

  /** Adds numbers (integers when integral) of rows 0..n-1 to their groups. */
  private addDoubles(a: Int32Array | Float64Array | Uint8Array, valid: Uint8Array | null, gids: Int32Array, n: number): void {
    const { sums, seen, counts } = this;
    const integral = this.integral;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i]!;
      seen[g] = 1; counts[g]!++;
      if (integral && this.big.size > 0 && this.big.has(g)) { this.addBig(g, BigInt(a[i]!)); continue; }
      const r = sums[g]! + a[i]!;
      if (integral && (r > SAFE || r < -SAFE)) this.addBig(g, BigInt(a[i]!));
      else sums[g] = r;
    }
  }

  /** The integral sums of groups 0..numGroups-1, wrapped to 64 bits (as Spark's non-ANSI sum). */
  intSums(numGroups: number): BigInt64Array {
    this.grow(numGroups);
    const out = int64FromSafeIntegers(this.sums, numGroups);
    for (const [g, b] of this.big) if (g < numGroups) out[g] = BigInt.asIntN(64, b);
    return out;
  }

  /** Folds another state's group g2 into group g. */
  mergeGroup(g: number, sum: number | bigint, count: number): void {
    if (count === 0) return;
    this.seen[g] = 1;
    this.counts[g]! += count;
    if (!this.integral) { this.sums[g]! += Number(sum); return; }
    if (typeof sum === "bigint" || this.big.has(g)) { this.addBig(g, BigInt(sum)); return; }
    const r = this.sums[g]! + sum;
    if (r > SAFE || r < -SAFE) this.addBig(g, BigInt(sum)); else this.sums[g] = r;
  }

  /**
   * Exports sums (int64 for integral input, float64 otherwise) and counts; for integral input also the
   * exact sums beyond the exact double range as decimal text, since avg divides the unwrapped sum.
   */
  stateColumns(numGroups: number): Vec[] {
    this.grow(numGroups);
    const counts: Vec = { type: "float64", length: numGroups, values: this.counts.slice(0, numGroups), valid: null };
    if (this.integral) {
      const s = this.intSums(numGroups);
      const exact: (string | null)[] = new Array<string | null>(numGroups).fill(null);
      for (const [g, b] of this.big) if (g < numGroups) exact[g] = b.toString();
      return [{ type: "int64", length: numGroups, values: s, valid: null }, counts, vecFromValues("utf8", exact)];
    }
    return [{ type: "float64", length: numGroups, values: this.sums.slice(0, numGroups), valid: null }, counts];
  }

  mergeColumns(columns: readonly Vec[], groups: Int32Array, numGroups: number): void {
    this.grow(numGroups);
    const sums = columns[0]!, counts = columns[1] as Extract<Vec, { type: "float64" }>, exact = columns[2];
    for (let i = 0; i < groups.length; i++) {
      const unwrapped = exact !== undefined && exact.type === "utf8" && (exact.valid === null || exact.valid[i] === 1) ? BigInt(strAt(exact, i)) : null;
      const s = unwrapped ?? (sums.type === "int64" ? sums.values[i]! : sums.type === "float64" ? sums.values[i]! : 0);
      const sn = typeof s === "bigint" && s >= -BigInt(SAFE) && s <= BigInt(SAFE) ? Number(s) : s;
      this.mergeGroup(groups[i]!, sn, counts.values[i]!);
    }
  }
}
