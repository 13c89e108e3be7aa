// DISTINCT aggregates (count(DISTINCT x), sum(DISTINCT x)): a set of (group, value) pairs per
// accumulator; only the first occurrence of each pair reaches the wrapped accumulator.
// Int keys have fast paths: an open-addressing table while there is one group (countDistinct over
// a whole table), numeric pair keys otherwise; other types use composite keys.
import type { DataType } from "@lgde/core";
import { IntList } from "../kernels/builder.js";
import { GroupTable } from "../kernels/hash.js";
import { concatVecs, takeVec } from "../kernels/select.js";
import type { Vec } from "../kernels/vector.js";
import type { GroupAccumulator } from "./accumulator.js";

const TWO32 = 4294967296;

/** Indices of rows holding a (group, value) pair not seen before, for single int32/date values. */
class IntPairSet {
  private single: GroupTable | null = new GroupTable(["int32"], false);
  private readonly pairs = new Set<number>();

  fresh(v: Extract<Vec, { type: "int32" | "date" }>, gids: Int32Array, n: number, out: IntList, seenGroups: IntList, seenValues: IntList): boolean {
    const a = v.values, valid = v.valid;
    if (this.single !== null) {
      let allZero = true;
      for (let i = 0; i < n; i++) if (gids[i] !== 0) { allZero = false; break; }
      if (allZero) {
        const before = this.single.size;
        const ids = this.single.assign([v], n);
        let next = before;
        for (let i = 0; i < n; i++) {
          if (ids[i] !== next) continue;
          next++;
          if (valid !== null && valid[i] === 0) continue;
          out.push(i);
          seenGroups.push(0); seenValues.push(a[i]!);
        }
        return true;
      }
      // Leave single-group mode: carry the pairs seen so far.
      for (let k = 0; k < seenValues.length; k++) this.pairs.add(seenValues.data[k]! >>> 0);
      this.single = null;
    }
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i]!;
      if (g >= 2097152) return false; // the pair key would leave the exact double range
      const key = g * TWO32 + (a[i]! >>> 0);
      if (this.pairs.has(key)) continue;
      this.pairs.add(key);
      out.push(i);
      seenGroups.push(g); seenValues.push(a[i]!);
    }
    return true;
  }
}

export function distinctAccumulator(inner: GroupAccumulator, inputTypes: readonly DataType[]): GroupAccumulator {
  const intType = inputTypes.length === 1 && (inputTypes[0] === "int32" || inputTypes[0] === "date") ? inputTypes[0] : null;
  let ints: IntPairSet | null = intType !== null ? new IntPairSet() : null;
  const seenGroups = new IntList(), seenValues = new IntList();
  let general: GroupTable | null = ints === null ? new GroupTable(["int32", ...inputTypes]) : null;
  const generalGroups: number[] = [];
  const fresh = new IntList();

  const toGeneral = () => {
    // Too many groups for numeric pair keys: rebuild the generic set from what was seen.
    general = new GroupTable(["int32", ...inputTypes]);
    const n = seenGroups.length;
    general.assign([{ type: "int32", length: n, values: seenGroups.view().slice(), valid: null }, { type: intType!, length: n, values: seenValues.view().slice(), valid: null }], n);
    for (let k = 0; k < n; k++) generalGroups.push(seenGroups.data[k]!);
    ints = null;
  };

  const fold = (args: readonly Vec[], gids: Int32Array, n: number, numGroups: number) => {
    fresh.clear();
    const v = args[0]!;
    let handled = false;
    if (ints !== null && (v.type === "int32" || v.type === "date")) {
      const mark = fresh.length, g0 = seenGroups.length;
      handled = ints.fresh(v, gids, n, fresh, seenGroups, seenValues);
      if (!handled) { fresh.length = mark; seenGroups.length = g0; seenValues.length = g0; toGeneral(); }
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
    const idx = fresh.view().slice();
    const groups = new Int32Array(idx.length); // a plain loop: Int32Array.from with a callback was a hot spot
    for (let k = 0; k < idx.length; k++) groups[k] = gids[idx[k]!]!;
    inner.update(args.map((a) => takeVec(a, idx)), groups, idx.length, numGroups);
  };
  return {
    update: fold,
    state() {
      if (general === null) {
        const n = seenGroups.length;
        return { groups: seenGroups.view().slice(), columns: [{ type: intType!, length: n, values: seenValues.view().slice(), valid: null }] };
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
