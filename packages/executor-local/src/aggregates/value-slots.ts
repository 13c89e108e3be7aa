// One value per group of any type (min, max, first): numbers in a Float64Array, int64 and
// timestamps in a BigInt64Array, strings as UTF-8 byte slices compared bytewise.
import type { DataType } from "@lgde/core";
import { compareDouble } from "../eval/binary.js";
import { compareBytes, type Vec } from "../kernels/vector.js";
import { ensure } from "./accumulator.js";

export class ValueSlots {
  has = new Uint8Array(16);
  private nums = new Float64Array(16);
  private bigs = new BigInt64Array(16);
  private strs: Uint8Array[] = [];

  constructor(readonly type: DataType) {}

  grow(n: number): void {
    this.has = ensure(this.has, n);
    if (this.type === "int64" || this.type === "timestamp") this.bigs = ensure(this.bigs, n);
    else if (this.type !== "utf8") this.nums = ensure(this.nums, n);
  }

  /** Compares row i of v (non-null, this type) with group g's value (which must be set). */
  compare(v: Vec, i: number, g: number): number {
    switch (v.type) {
      case "int64": case "timestamp": { const a = v.values[i]!, b = this.bigs[g]!; return a < b ? -1 : a > b ? 1 : 0; }
      case "utf8": { const b = this.strs[g]!; return compareBytes(v.bytes, v.offsets[i]!, v.offsets[i + 1]!, b, 0, b.length); }
      case "float64": return compareDouble(v.values[i]!, this.nums[g]!);
      case "int32": case "date": case "bool": return v.values[i]! - this.nums[g]!;
      case "null": return 0;
    }
  }

  /** Sets group g to row i of v (null rows clear it). */
  assign(g: number, v: Vec, i: number): void {
    if (v.type === "null" || (v.valid !== null && v.valid[i] === 0)) { this.has[g] = 0; return; }
    this.has[g] = 1;
    switch (v.type) {
      case "int64": case "timestamp": this.bigs[g] = v.values[i]!; break;
      case "utf8": this.strs[g] = v.bytes.slice(v.offsets[i]!, v.offsets[i + 1]!); break;
      case "float64": case "int32": case "date": case "bool": this.nums[g] = v.values[i]!; break;
    }
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
        for (let g = 0; g < n; g++) { if (has[g] === 1) total += this.strs[g]!.length; offsets[g + 1] = total; }
        const bytes = new Uint8Array(total);
        for (let g = 0; g < n; g++) if (has[g] === 1) bytes.set(this.strs[g]!, offsets[g]!);
        return { type: "utf8", length: n, offsets, bytes, valid };
      }
      case "null": return { type: "null", length: n, valid: new Uint8Array(n) };
    }
  }
}
