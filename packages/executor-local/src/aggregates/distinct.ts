// DISTINCT aggregates (count(DISTINCT x), sum(DISTINCT x)): a set of (group, value) pairs per
// accumulator; only the first occurrence of each pair reaches the wrapped accumulator.
// Int keys have fast paths: a bit per value over their range (or an id table once that range is
// too wide) while there is one group (countDistinct over a whole table), numeric pair keys
// otherwise; other types use composite keys. Under count, new values of the single group are only
// counted, not listed.
import type { DataType } from "@lgde/core";
import { IntList } from "../kernels/builder.js";
import { denseRangeLimit, denseRangeOk, intRange } from "../kernels/dense-ids.js";
import { DirectGroups } from "../kernels/direct-groups.js";
import { GroupTable } from "../kernels/hash.js";
import { concatVecs, takeVec } from "../kernels/select.js";
import type { Vec } from "../kernels/vector.js";
import type { GroupAccumulator } from "./accumulator.js";

const TWO32 = 4294967296;

/** to[at + k] = a[rows[from + k]] for k < n (a loop of its own, so that V8 optimizes it alone). */
function gather(a: Int32Array, rows: Int32Array, from: number, n: number, to: Int32Array, at: number): void {
  for (let k = 0; k < n; k++) to[at + k] = a[rows[from + k]!]!;
}

/**
 * The (group, value) pairs seen of single int32/date values, and which rows of a batch bring a new
 * one. While every row is in group 0 (a global countDistinct) the values are flags over their range
 * (an id table once that range is too wide); otherwise numeric pair keys in a Set.
 */
class IntPairSet {
  private set: DirectGroups | null = null;
  private table: GroupTable | null = null;
  private single = true;
  private rows = 0;
  private readonly pairs = new Set<number>();
  private scratch = new Int32Array(0);
  /**
   * The pairs seen, in first-seen order, except those only in `set` (whose flags hold them until
   * `settle`). `groups` lags behind with the zeros of single-group mode.
   */
  private readonly groups = new IntList();
  private readonly values = new IntList();

  /**
   * @param countOnly Rows of new values in group 0 need not be listed, only counted (the wrapped
   *   aggregate is count: the flags are all it takes, no row list, no gathered values).
   */
  constructor(private readonly countOnly: boolean) {}

  /** The pairs seen so far. */
  seen(): { groups: Int32Array; values: Int32Array } {
    if (this.set !== null) {
      // In set mode the values are the flags (`values` is empty).
      const ids = this.set.presentIds();
      return { groups: new Int32Array(ids.length), values: this.set.keys(ids, "int32").values };
    }
    this.padGroups();
    return { groups: this.groups.view().slice(), values: this.values.view().slice() };
  }

  private padGroups(): void {
    const n = this.values.length;
    if (this.groups.length < n) { this.groups.reserve(n - this.groups.length).fill(0, this.groups.length, n); this.groups.length = n; }
  }

  /** Lists the values held only by the flags (before the flags go). */
  private settle(): void {
    if (this.set === null) return;
    const { values } = this.seen();
    this.values.reserve(values.length).set(values, this.values.length);
    this.values.length += values.length;
    this.set = null;
  }

  /**
   * Appends to `out` the rows of a batch whose (group, value) is new (nulls never are), and returns
   * how many more new rows of group 0 there were that are only counted (`countOnly`); or -1
   * (nothing kept from this batch) when a group id is too large for a pair key.
   */
  fresh(v: Extract<Vec, { type: "int32" | "date" }>, gids: Int32Array, n: number, numGroups: number, out: IntList): number {
    const a = v.values, valid = v.valid;
    if (this.single) {
      let allZero = numGroups <= 1;
      if (!allZero) {
        allZero = true;
        for (let i = 0; i < n; i++) if (gids[i] !== 0) { allZero = false; break; }
      }
      if (allZero) {
        this.rows += n;
        return this.freshSingle(a, valid, n, out);
      }
      // Leave single-group mode: carry the pairs seen so far.
      this.settle();
      this.padGroups();
      for (let k = 0; k < this.values.length; k++) this.pairs.add(this.values.data[k]! >>> 0);
      this.single = false;
      this.table = null;
    }
    return this.freshPairs(a, valid, gids, n, out) ? 0 : -1;
  }

  private freshPairs(a: Int32Array, valid: Uint8Array | null, gids: Int32Array, n: number, out: IntList): boolean {
    const mark = out.length, seen = this.values.length;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i]!;
      if (g >= 2097152) { out.length = mark; this.groups.length = this.values.length = seen; return false; } // the pair key would leave the exact double range
      const key = g * TWO32 + (a[i]! >>> 0);
      if (this.pairs.has(key)) continue;
      this.pairs.add(key);
      out.push(i);
      this.groups.push(g); this.values.push(a[i]!);
    }
    return true;
  }

  /** The rows of values not seen before in group 0: appended to `out`, or only counted (returned). */
  private freshSingle(a: Int32Array, valid: Uint8Array | null, n: number, out: IntList): number {
    let i = 0, counted = 0;
    if (this.set === null && this.table === null) {
      const r = intRange(a, valid, 0, n);
      if (r === null) return 0;
      if (denseRangeOk(r.hi - r.lo + 1, this.rows)) this.set = new DirectGroups(r.lo, r.hi, this.rows, denseRangeLimit);
      else this.table = new GroupTable(["int32"], false);
    }
    while (this.set !== null) {
      if (this.countOnly) {
        const r = this.set.countFresh(a, valid, i, n);
        i = r.stop; counted += r.added;
      } else i = this.set.addFresh(a, valid, i, n, out);
      if (i >= n) return counted;
      const r = intRange(a, valid, i, n)!;
      if (this.set.cover(r.lo, r.hi, this.rows) !== null) continue;
      // Too wide for a bit per value: move the values seen to a table and go on with it.
      const table = new GroupTable(["int32"], false);
      const { values } = this.seen();
      table.assign([{ type: "int32", length: values.length, values, valid: null }], values.length);
      this.settle();
      this.table = table;
    }
    // The values of rows before i are in the table already (their nulls may still get an id).
    const table = this.table!;
    const before = table.size, mark = out.length;
    if (this.scratch.length < n) this.scratch = new Int32Array(n);
    const ids = table.assign([{ type: "int32", length: n, values: a, valid }], n, this.scratch);
    let next = before;
    for (let k = 0; k < n; k++) {
      if (ids[k] !== next) continue;
      next++;
      if (valid !== null && valid[k] === 0) continue;
      out.push(k);
    }
    const added = out.length - mark;
    gather(a, out.data, mark, added, this.values.reserve(added), this.values.length);
    this.values.length += added;
    return counted;
  }
}

/**
 * A DISTINCT aggregate: `inner` sees each (group, value) once. `countOnly` says that `inner` is
 * count, which then only needs how many new values each group got.
 */
export function distinctAccumulator(inner: GroupAccumulator, inputTypes: readonly DataType[], countOnly = false): GroupAccumulator {
  const intType = inputTypes.length === 1 && (inputTypes[0] === "int32" || inputTypes[0] === "date") ? inputTypes[0] : null;
  let ints: IntPairSet | null = intType !== null ? new IntPairSet(countOnly) : null;
  let general: GroupTable | null = ints === null ? new GroupTable(["int32", ...inputTypes]) : null;
  const generalGroups: number[] = [];
  const fresh = new IntList();
  let zeros = new Int32Array(0);

  const toGeneral = () => {
    // Too many groups for numeric pair keys: rebuild the generic set from what was seen.
    general = new GroupTable(["int32", ...inputTypes]);
    const { groups, values } = ints!.seen();
    const n = groups.length;
    general.assign([{ type: "int32", length: n, values: groups, valid: null }, { type: intType!, length: n, values, valid: null }], n);
    for (let k = 0; k < n; k++) generalGroups.push(groups[k]!);
    ints = null;
  };

  const fold = (args: readonly Vec[], gids: Int32Array, n: number, numGroups: number) => {
    fresh.clear();
    const v = args[0]!;
    let handled = false;
    if (ints !== null && (v.type === "int32" || v.type === "date")) {
      const counted = ints.fresh(v, gids, n, numGroups, fresh);
      handled = counted >= 0;
      if (!handled) toGeneral();
      else if (counted > 0) {
        // New values of group 0 that were only counted: as many rows for count (no argument: all count).
        if (zeros.length < counted) zeros = new Int32Array(counted);
        inner.update([], zeros.subarray(0, counted), counted, numGroups);
      }
    }
    if (!handled) {
      if (general === null) toGeneral();
      const table = general!;
      const before = table.size;
      const ids = table.assign([{ type: "int32", length: n, values: gids.subarray(0, n), valid: null }, ...args], n);
      let next = before;
      for (let i = 0; i < n; i++) if (ids[i] === next) { fresh.push(i); generalGroups.push(gids[i]!); next++; }
    }
    if (fresh.length === 0) return;
    const idx = fresh.view();
    const groups = new Int32Array(idx.length); // a plain loop: Int32Array.from with a callback was a hot spot
    if (numGroups > 1) for (let k = 0; k < idx.length; k++) groups[k] = gids[idx[k]!]!;
    inner.update(args.map((a) => takeVec(a, idx)), groups, idx.length, numGroups);
  };
  return {
    update: fold,
    state() {
      if (general === null) {
        const { groups, values } = ints!.seen();
        return { groups, columns: [{ type: intType!, length: values.length, values, valid: null }] };
      }
      const keys = general.keyColumns();
      // keyColumns finishes the builders; keep the set usable by re-seeding it.
      const groups = Int32Array.from(generalGroups);
      const cols = keys.slice(1);
      general = new GroupTable(["int32", ...inputTypes]);
      if (groups.length > 0) general.assign([{ type: "int32", length: groups.length, values: groups, valid: null }, ...cols], groups.length);
      return { groups, columns: cols.map((c, i) => concatVecs(inputTypes[i]!, [c])) };
    },
    mergeState(columns, groups, numGroups) { fold(columns, groups, groups.length, numGroups); },
    finish(numGroups) { return inner.finish(numGroups); },
  };
}
