// Hash aggregation: group ids assigned per batch (open-addressing fast path for int keys),
// accumulators updated column-wise; nulls in keys form one group; no keys gives one row.
// A single int32/date key whose range is narrow for the rows seen is grouped by direct indexing
// (`DirectGroups`: the id is the key's offset, no table); the accumulators' state moves between
// the two numberings through their state/mergeState contract when the aggregate switches.
import type { AggregateFunctionName, DataType, Schema } from "@lgde/core";
import { createAccumulator, type GroupAccumulator } from "../aggregates/index.js";
import { evaluate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { IntList } from "../kernels/builder.js";
import { intRange } from "../kernels/dense-ids.js";
import { DirectGroups, directRangeOk } from "../kernels/direct-groups.js";
import { GroupTable } from "../kernels/hash.js";
import { takeVec } from "../kernels/select.js";
import type { Chunk, Vec } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import type { RuntimeContext } from "../runtime.js";
import { checkAbort } from "../runtime.js";
import { slices } from "./conform.js";

/** One aggregate call, its arguments over the input. */
export interface AggregateCallExec {
  readonly fn: AggregateFunctionName;
  readonly args: readonly PExpr[];
  readonly distinct: boolean;
  readonly ignoreNulls: boolean;
  readonly resultType: DataType;
}

export interface HashAggregateExec {
  readonly kind: "hash-aggregate";
  readonly input: PhysicalPlan;
  readonly groupBy: readonly PExpr[];
  readonly aggregates: readonly AggregateCallExec[];
  /** The output columns, over [group keys..., aggregate results...]. */
  readonly outputs: readonly PExpr[];
  readonly schema: Schema;
}

/** Maps old group ids to new ones (-1: the group is dropped) for a set of accumulators. */
export type Renumber = (map: Int32Array, oldGroups: number, newGroups: number) => void;

/**
 * Group ids for an aggregate: a `GroupTable`, or `DirectGroups` for a single int32/date key while
 * its range stays within what the rows seen allow. Switching renumbers the groups (`renumber`).
 */
export class AggregateGroups {
  private table: GroupTable | null;
  private direct: DirectGroups | null = null;
  private readonly directType: "int32" | "date" | null;
  private rows = 0;
  /** Rows after which direct indexing is (re)considered. */
  private retryAt: number;

  constructor(private readonly types: readonly DataType[], private readonly renumber: Renumber) {
    this.table = new GroupTable(types);
    const t = types.length === 1 ? types[0]! : null;
    this.directType = t === "int32" || t === "date" ? t : null;
    this.retryAt = this.directType === null ? Infinity : 0;
  }

  /** Whether ids currently come from direct indexing (for tests). */
  get isDirect(): boolean { return this.direct !== null; }

  /** Ids run 0 .. numGroups - 1; under direct indexing not every id is a group. */
  get numGroups(): number { return this.direct !== null ? this.direct.numGroups : this.table!.size; }

  /**
   * Ids of rows 0..n-1 into `out`, inserting new groups. Without `idsWanted` (no accumulator reads
   * them) direct indexing only flags the groups and leaves `out` alone.
   */
  assign(keys: readonly Vec[], n: number, out: Int32Array, idsWanted = true): void {
    this.rows += n;
    if (this.direct === null && this.rows >= this.retryAt) this.tryDirect(keys[0]!, n);
    if (this.direct !== null && this.assignDirect(keys[0]!, n, idsWanted ? out : null)) return;
    // On the table (possibly just now, holding the rows of this batch the direct path flagged).
    this.table!.assign(keys, n, out);
  }

  /** Switches from the table to direct indexing when the keys so far and this batch's fit. */
  private tryDirect(v: Vec, n: number): void {
    const table = this.table!;
    const known = table.size > 0 ? table.keyColumns()[0]! : null;
    let lo = 2147483647, hi = -2147483648;
    const widen = (r: { lo: number; hi: number } | null) => { if (r !== null) { lo = Math.min(lo, r.lo); hi = Math.max(hi, r.hi); } };
    if (known !== null && (known.type === "int32" || known.type === "date")) widen(intRange(known.values, known.valid, 0, known.length));
    if (v.type === "int32" || v.type === "date") widen(intRange(v.values, v.valid, 0, n));
    if (lo > hi) { this.retryAt = 2 * this.rows; return; }
    const span = hi - lo + 1;
    if (!directRangeOk(span, this.rows)) { this.retryAt = Math.max(2 * this.rows, Math.ceil(span / 4)); return; }
    const d = new DirectGroups(lo, hi, this.rows);
    const size = table.size, map = new Int32Array(size);
    if (known !== null && (known.type === "int32" || known.type === "date")) {
      for (let g = 0; g < size; g++) {
        const id = known.valid !== null && known.valid[g] === 0 ? 0 : known.values[g]! - d.base + 1;
        map[g] = id;
        d.mark(id);
      }
    }
    this.direct = d;
    this.table = null;
    if (size > 0) this.renumber(map, size, d.numGroups);
  }

  /** Direct ids for a batch; false after falling back to a table (which then holds the groups so far). */
  private assignDirect(v: Vec, n: number, out: Int32Array | null): boolean {
    const d = this.direct!;
    if (v.type !== "int32" && v.type !== "date") {
      // Only an all-null column has another type here.
      if (out !== null) out.fill(0, 0, n);
      if (n > 0) d.markNull();
      return true;
    }
    const a = v.values, valid = v.valid;
    let i = 0;
    for (;;) {
      i = d.assign(a, valid, i, n, out);
      if (i >= n) return true;
      const range = intRange(a, valid, i, n)!;
      const oldGroups = d.numGroups;
      const shift = d.cover(range.lo, range.hi, this.rows);
      if (shift === null) { this.leaveDirect(); return false; }
      if (shift !== 0) {
        const map = new Int32Array(oldGroups);
        for (let g = 1; g < oldGroups; g++) map[g] = g + shift;
        this.renumber(map, oldGroups, d.numGroups);
        if (out !== null) for (let k = 0; k < i; k++) if (out[k] !== 0) out[k]! += shift;
      }
    }
  }

  /** The range grew too wide: the groups present move to a table. */
  private leaveDirect(): void {
    const d = this.direct!;
    const ids = d.presentIds();
    const table = new GroupTable(this.types);
    const tids = table.assign([d.keys(ids, this.directType!)], ids.length);
    const map = new Int32Array(d.numGroups).fill(-1);
    for (let k = 0; k < ids.length; k++) map[ids[k]!] = tids[k]!;
    this.table = table;
    this.direct = null;
    this.retryAt = 2 * this.rows;
    this.renumber(map, d.numGroups, table.size);
  }

  /** The key columns of the groups, and which ids they are (null: all of 0 .. numGroups - 1). */
  finish(): { keys: Vec[]; ids: Int32Array | null } {
    if (this.direct === null) return { keys: this.table!.keyColumns(), ids: null };
    const ids = this.direct.presentIds();
    return { keys: [this.direct.keys(ids, this.directType!)], ids: ids.length === this.direct.numGroups ? null : ids };
  }
}

/** Moves accumulators to new group ids through their exported state (dropping groups mapped to -1). */
export function renumberAccumulators(accs: readonly GroupAccumulator[], create: (k: number) => GroupAccumulator, map: Int32Array, oldGroups: number, newGroups: number): GroupAccumulator[] {
  return accs.map((acc, k) => {
    const fresh = create(k);
    if (oldGroups === 0) return fresh;
    const st = acc.state(oldGroups);
    const keep = new IntList(st.groups.length), groups = new IntList(st.groups.length);
    for (let i = 0; i < st.groups.length; i++) {
      const g = st.groups[i]!;
      const to = g < map.length ? map[g]! : -1;
      if (to >= 0) { keep.push(i); groups.push(to); }
    }
    if (groups.length === 0) return fresh;
    const columns = keep.length === st.groups.length ? st.columns : st.columns.map((c) => takeVec(c, keep.view()));
    fresh.mergeState(columns, groups.view().slice(), newGroups);
    return fresh;
  });
}

export async function* executeHashAggregate(node: HashAggregateExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const create = (k: number): GroupAccumulator => {
    const a = node.aggregates[k]!;
    return createAccumulator(a.fn, { inputTypes: a.args.map((x) => x.type), resultType: a.resultType, ignoreNulls: a.ignoreNulls }, a.distinct);
  };
  let accs = node.aggregates.map((_, k) => create(k));
  const groups = new AggregateGroups(node.groupBy.map((g) => g.type), (map, oldGroups, newGroups) => {
    accs = renumberAccumulators(accs, create, map, oldGroups, newGroups);
  });
  const idsWanted = accs.length > 0, global = node.groupBy.length === 0;
  let ids = new Int32Array(0);
  for await (const c of rt.run(node.input)) {
    checkAbort(rt);
    if (c.length === 0) continue;
    if (ids.length < c.length) ids = new Int32Array(c.length);
    // A global aggregate has one group, id 0: `ids` stays all zeros.
    if (!global) groups.assign(node.groupBy.map((g) => evaluate(g, c, rt.eval)), c.length, ids, idsWanted);
    if (!idsWanted) continue;
    const gids = ids.subarray(0, c.length), numGroups = global ? 1 : groups.numGroups;
    for (let k = 0; k < accs.length; k++) {
      const a = node.aggregates[k]!;
      accs[k]!.update(a.args.map((x) => evaluate(x, c, rt.eval)), gids, c.length, numGroups);
    }
  }
  const { keys, ids: picked } = global ? { keys: [], ids: null } : groups.finish();
  // Spark: a global aggregate over no rows still yields one row (count 0, sum null).
  const numGroups = global ? 1 : picked !== null ? picked.length : groups.numGroups;
  if (numGroups === 0) return;
  const results = accs.map((a) => {
    const v = a.finish(global ? 1 : groups.numGroups);
    return picked === null ? v : takeVec(v, picked);
  });
  const intermediate: Chunk = { columns: [...keys, ...results], length: numGroups };
  const out: Chunk = { columns: node.outputs.map((e) => evaluate(e, intermediate, rt.eval)), length: numGroups };
  yield* slices(out, rt.batchSize);
}
