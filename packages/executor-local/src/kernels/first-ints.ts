// First occurrences of a single int32/date key (distinct, dropDuplicates on one int column): a bit
// per value over the keys' range, as `DirectGroups` keeps it, instead of an id per value. A
// million-value range takes 128 KiB, which stays in cache while rows hit random values; an id table
// takes 4 MiB and a cache miss per row. Once the range is too wide for the rows seen, the keys move
// to a `GroupTable`.
import { IntList } from "./builder.js";
import { denseRangeLimit, denseRangeOk, intRange } from "./dense-ids.js";
import { DirectGroups } from "./direct-groups.js";
import { GroupTable } from "./hash.js";
import type { Vec } from "./vector.js";

export class FirstInts {
  private set: DirectGroups | null = null;
  private table: GroupTable | null = null;
  private rows = 0;
  private sawNull = false;
  private readonly fresh = new IntList();

  constructor(private readonly type: "int32" | "date") {}

  /** Whether the keys are still flags over their range (for tests). */
  get direct(): boolean { return this.table === null; }

  /** The rows 0..n-1 of `v` whose key (null included, as one key) was not seen before, in row order. */
  firstRows(v: Vec, n: number): Int32Array {
    this.rows += n;
    if (v.type !== "int32" && v.type !== "date") {
      // An all-null column (type "null"): only its first row can be new.
      if (this.sawNull || n === 0) return new Int32Array(0);
      this.sawNull = true;
      return Int32Array.of(0);
    }
    const a = v.values, valid = v.valid;
    const fresh = this.fresh;
    fresh.clear();
    let i = 0;
    while (i < n && this.table === null) {
      if (this.set === null) {
        const r = intRange(a, valid, i, n);
        if (r === null) { i = n; break; }
        if (!denseRangeOk(r.hi - r.lo + 1, this.rows)) { this.toTable(); break; }
        this.set = new DirectGroups(r.lo, r.hi, this.rows, denseRangeLimit);
      }
      i = this.set.addFresh(a, valid, i, n, fresh);
      if (i >= n) break;
      const r = intRange(a, valid, i, n)!;
      if (this.set.cover(r.lo, r.hi, this.rows) === null) this.toTable();
    }
    if (i < n) this.tableRows(a, valid, i, n);
    return this.withFirstNull(valid, n);
  }

  /** Moves the values seen to a table (too wide a range for a bit each). */
  private toTable(): void {
    const table = new GroupTable([this.type], false);
    if (this.set !== null) {
      const keys = this.set.keys(this.set.presentIds(), this.type);
      table.assign([keys], keys.length);
    }
    this.table = table;
    this.set = null;
  }

  /** New valid keys of rows from..n-1 through the table (nulls are handled apart). */
  private tableRows(a: Int32Array, valid: Uint8Array | null, from: number, n: number): void {
    const table = this.table!;
    const m = n - from;
    const before = table.size;
    const ids = table.assign([{ type: this.type, length: m, values: a.subarray(from, n), valid: valid === null ? null : valid.subarray(from, n) }], m);
    let next = before;
    for (let k = 0; k < m; k++) {
      if (ids[k] !== next) continue;
      next++;
      if (valid === null || valid[from + k] === 1) this.fresh.push(from + k);
    }
  }

  /** The fresh rows, with the batch's first null row merged in when no null was seen before. */
  private withFirstNull(valid: Uint8Array | null, n: number): Int32Array {
    const rows = this.fresh.view();
    if (this.sawNull || valid === null) return rows.slice();
    const z = valid.indexOf(0);
    if (z < 0 || z >= n) return rows.slice();
    this.sawNull = true;
    const out = new Int32Array(rows.length + 1);
    let k = 0;
    while (k < rows.length && rows[k]! < z) { out[k] = rows[k]!; k++; }
    out[k] = z;
    out.set(rows.subarray(k), k + 1);
    return out;
  }
}
