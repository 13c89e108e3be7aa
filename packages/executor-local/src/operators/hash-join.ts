// Hash join for every join type. The right side is built into a hash table on the equi-join
// keys; the left side streams through it. A residual condition is checked on candidate pairs.
// Without equi keys it is a nested loop. Null keys never match, except under `<=>`.
import type { JoinType, Schema } from "@lgde/core";
import { castVec } from "../eval/cast.js";
import { choose } from "../eval/choose.js";
import { evaluate, evaluatePredicate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { IntList } from "../kernels/builder.js";
import { intRange } from "../kernels/dense-ids.js";
import { directRangeOk } from "../kernels/direct-groups.js";
import { GroupTable } from "../kernels/hash.js";
import { prefaulted } from "../kernels/prefault.js";
import { concatChunks, sliceChunk, takeVec } from "../kernels/select.js";
import { nullCount, type Chunk, type Vec } from "../kernels/vector.js";
import type { PhysicalPlan } from "../physical-plan.js";
import { checkAbort, type RuntimeContext } from "../runtime.js";
import { slices } from "./conform.js";

/** Where an output column comes from: a column of one side, or a full join's coalesced using-key. */
export type JoinOutputColumn =
  | { readonly side: "left" | "right"; readonly index: number }
  | { readonly side: "coalesce"; readonly left: number; readonly right: number };

export interface HashJoinExec {
  readonly kind: "hash-join";
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
  readonly how: JoinType;
  /** Equi-join keys over the left input, paired with `rightKeys` over the right input (same types). */
  readonly leftKeys: readonly PExpr[];
  readonly rightKeys: readonly PExpr[];
  /** Per key: `<=>` (nulls match) rather than `=`. */
  readonly nullSafe: readonly boolean[];
  /** The rest of the condition, over left columns followed by right columns, or null. */
  readonly residual: PExpr | null;
  readonly output: readonly JoinOutputColumn[];
  readonly schema: Schema;
}

/** Rows whose keys may match: not null in any non-null-safe key. */
function keyOk(keys: readonly Vec[], nullSafe: readonly boolean[], n: number): Uint8Array | null {
  let ok: Uint8Array | null = null;
  keys.forEach((k, j) => {
    if (nullSafe[j]) return;
    const v = k.type === "null" ? new Uint8Array(n) : k.valid;
    if (v === null) return;
    ok ??= new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) ok[i]! &= v[i]!;
  });
  return ok;
}

interface Built {
  readonly chunk: Chunk;
  readonly table: GroupTable | null;
  /**
   * A single int32/date key over a dense range: the group of key k is k - base when below `span`,
   * and no table is built or probed (the CSR index below is over the key range).
   */
  readonly direct: { readonly base: number; readonly span: number } | null;
  /** CSR index: the right rows of group g are rows[offsets[g] .. offsets[g + 1]), in input order. */
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/** Group ids of int keys as offsets from `base` into out: -1 for nulls and keys outside [base, base + span). */
function directIds(v: Vec, base: number, span: number, n: number, out: Int32Array): Int32Array {
  if (v.type !== "int32" && v.type !== "date") { out.fill(-1, 0, n); return out; }
  // base is an int32 key and span < 2^32, so `(k - base) >>> 0 < span` is exact for int32 k.
  const a = v.values, valid = v.valid;
  if (valid === null) for (let i = 0; i < n; i++) { const s = a[i]! - base; out[i] = s >>> 0 < span ? s : -1; }
  else for (let i = 0; i < n; i++) { const s = a[i]! - base; out[i] = valid[i] === 1 && s >>> 0 < span ? s : -1; }
  return out;
}

/** A counting sort of rows 0..n-1 by group id (stable: each group keeps input order); rows with id -1 or not `ok` are left out. */
function csr(ids: Int32Array, ok: Uint8Array | null, n: number, groups: number): { offsets: Int32Array; rows: Int32Array } {
  // One loop per function, as in `pairs`: this runs once per join, so its loops are compiled
  // on the fly, and the code after a loop compiled that way has never run.
  const offsets = prefaulted(new Int32Array(groups + 1));
  countGroups(ids, ok, n, offsets);
  prefixSums(offsets, groups);
  const rows = new Int32Array(offsets[groups]!);
  fillRows(ids, ok, n, offsets.slice(0, groups), rows);
  return { offsets, rows };
}

/** offsets[g + 1] = the number of rows of group g. */
function countGroups(ids: Int32Array, ok: Uint8Array | null, n: number, offsets: Int32Array): void {
  for (let r = 0; r < n; r++) if (ok === null || ok[r] === 1) offsets[ids[r]! + 1]!++;
  // Rows with id -1 were counted into offsets[0]: they are not indexed.
  offsets[0] = 0;
}

function prefixSums(offsets: Int32Array, groups: number): void {
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
}

function fillRows(ids: Int32Array, ok: Uint8Array | null, n: number, fill: Int32Array, rows: Int32Array): void {
  for (let r = 0; r < n; r++) {
    const g = ids[r]!;
    if (g >= 0 && (ok === null || ok[r] === 1)) rows[fill[g]!++] = r;
  }
}

async function build(node: HashJoinExec, rt: RuntimeContext): Promise<Built> {
  const parts: Chunk[] = [];
  for await (const c of rt.run(node.right)) parts.push(c);
  const types = node.right.schema.fields.map((f) => f.type);
  const chunk: Chunk = parts.length === 0 ? { columns: types.map((t) => castVec({ type: "null", length: 0, valid: new Uint8Array(0) }, t, rt.eval)), length: 0 } : parts.length === 1 ? parts[0]! : concatChunks(types, parts);
  const n = chunk.length;
  if (node.leftKeys.length === 0) return { chunk, table: null, direct: null, offsets: new Int32Array(1), rows: new Int32Array(0) };
  const keys = node.rightKeys.map((k) => evaluate(k, chunk, rt.eval));
  const k0 = keys[0]!;
  // One int key in a small range (null keys only where they cannot match): index by the key itself.
  if (keys.length === 1 && (k0.type === "int32" || k0.type === "date") && (!node.nullSafe[0] || nullCount(k0) === 0)) {
    const r = intRange(k0.values, k0.valid, 0, n);
    // The range may be a few times the rows (as for direct group ids), so the index stays linear in them.
    if (r !== null && directRangeOk(r.hi - r.lo + 1, n)) {
      const span = r.hi - r.lo + 1;
      const { offsets, rows } = csr(directIds(k0, r.lo, span, n, new Int32Array(n)), null, n, span);
      return { chunk, table: null, direct: { base: r.lo, span }, offsets, rows };
    }
  }
  const table = new GroupTable(keys.map((k) => k.type), false);
  const ids = table.assign(keys, n);
  // Contiguous per-group rows make probing a sequential read instead of chasing a linked list.
  const { offsets, rows } = csr(ids, keyOk(keys, node.nullSafe, n), n, table.size);
  return { chunk, table, direct: null, offsets, rows };
}

/** Per-batch scratch arrays of a probe, reused across batches. */
class Scratch {
  ids = new Int32Array(0);
  starts = new Int32Array(0);
  lens = new Int32Array(0);
  fit(n: number): void {
    if (this.ids.length >= n) return;
    this.ids = new Int32Array(n); this.starts = new Int32Array(n); this.lens = new Int32Array(n);
  }
}

/** Matching (left, right) row pairs by ascending left row; with `keepUnmatched`, unmatched left rows pair with -1. */
function pairs(b: Built, gids: Int32Array, ok: Uint8Array | null, nL: number, keepUnmatched: boolean, scratch: Scratch): { pl: Int32Array; pr: Int32Array } {
  scratch.fit(nL);
  // Each row's offsets are read once (a random access) and kept, so the output is sized exactly
  // without a second random pass. One loop per function: V8 optimizes each on its own, instead of
  // entering a loop-compiled function that deoptimizes on the code after the loop, every batch.
  const total = matchRanges(b.offsets, gids, ok, nL, keepUnmatched, scratch.starts, scratch.lens);
  const pl = new Int32Array(total), pr = new Int32Array(total);
  fillPairs(b.rows, scratch.starts, scratch.lens, nL, keepUnmatched, pl, pr);
  return { pl, pr };
}

/** Each left row's range of right rows (empty when unmatched) into starts/lens; returns the number of pairs. */
function matchRanges(offsets: Int32Array, gids: Int32Array, ok: Uint8Array | null, nL: number, keepUnmatched: boolean, starts: Int32Array, lens: Int32Array): number {
  let total = 0;
  for (let i = 0; i < nL; i++) {
    const g = gids[i]!;
    let s = 0, m = 0;
    if (g >= 0 && (ok === null || ok[i] === 1)) { s = offsets[g]!; m = offsets[g + 1]! - s; }
    starts[i] = s; lens[i] = m;
    total += m === 0 && keepUnmatched ? 1 : m;
  }
  return total;
}

function fillPairs(rows: Int32Array, starts: Int32Array, lens: Int32Array, nL: number, keepUnmatched: boolean, pl: Int32Array, pr: Int32Array): void {
  let p = 0;
  for (let i = 0; i < nL; i++) {
    const m = lens[i]!;
    if (m === 0) { if (keepUnmatched) { pl[p] = i; pr[p++] = -1; } continue; }
    for (let j = starts[i]!, e = j + m; j < e; j++) { pl[p] = i; pr[p++] = rows[j]!; }
  }
}

/** Pairs (by ascending left row) plus each unmatched left row paired with -1, in left order. */
function interleaveUnmatched(pl: Int32Array, pr: Int32Array, nL: number): { pl: Int32Array; pr: Int32Array } {
  const ol = new IntList(pl.length + nL), or = new IntList(pl.length + nL);
  let p = 0;
  for (let i = 0; i < nL; i++) {
    if (p < pl.length && pl[p] === i) { while (p < pl.length && pl[p] === i) { ol.push(i); or.push(pr[p]!); p++; } }
    else { ol.push(i); or.push(-1); }
  }
  return { pl: ol.view(), pr: or.view() };
}

/**
 * Per right column, the left column holding the same value in every matched pair, or -1: an
 * integer key column compared by `=` or `<=>` with a left column of its type, both uncast (equal
 * integers are the same value, and under `<=>` both sides are null together). Inner and left joins
 * read it from the left rows, which come in order, instead of gathering right rows at random.
 */
function rightKeyAliases(node: HashJoinExec): Int32Array {
  const alias = new Int32Array(node.right.schema.fields.length).fill(-1);
  if (node.how !== "inner" && node.how !== "left") return alias;
  node.rightKeys.forEach((rk, k) => {
    const lk = node.leftKeys[k]!;
    if (rk.kind !== "column" || lk.kind !== "column" || rk.type !== lk.type) return;
    if (rk.type !== "int32" && rk.type !== "date" && rk.type !== "int64" && rk.type !== "timestamp") return;
    if (node.right.schema.fields[rk.index]?.type !== rk.type || node.left.schema.fields[lk.index]?.type !== lk.type) return;
    alias[rk.index] = lk.index;
  });
  return alias;
}

/** A left key column taken at li as the right key column of pairs li/ri: null (and zero) where ri is -1. */
function takeMatchedKey(v: Vec, li: Int32Array, ri: Int32Array): Vec {
  const taken = takeVec(v, li);
  const n = li.length;
  let valid = taken.valid;
  for (let i = 0; i < n; i++) {
    if (ri[i]! >= 0) continue;
    valid ??= new Uint8Array(n).fill(1);
    valid[i] = 0;
    if (taken.type === "int32" || taken.type === "date") taken.values[i] = 0;
    else if (taken.type === "int64" || taken.type === "timestamp") taken.values[i] = 0n;
  }
  return valid === taken.valid ? taken : { ...taken, valid } as Vec;
}

/** Whether li is 0, 1, ..., left rows - 1: every left row once, in order (a left join on unique right keys). */
function everyRowInOrder(li: Int32Array, leftRows: number): boolean {
  if (li.length !== leftRows) return false;
  for (let i = 0; i < li.length; i++) if (li[i] !== i) return false;
  return true;
}

function outputChunk(node: HashJoinExec, left: Chunk, right: Chunk, li: Int32Array, ri: Int32Array, rt: RuntimeContext, aliases: Int32Array): Chunk {
  const n = li.length;
  // Left columns pass through without a copy when each left row is output once, in order.
  const takeLeft = everyRowInOrder(li, left.length) ? (v: Vec) => v : (v: Vec) => takeVec(v, li);
  const columns = node.output.map((o, k) => {
    const type = node.schema.fields[k]!.type;
    const cast = (v: Vec) => (v.type === type ? v : castVec(v, type, rt.eval));
    switch (o.side) {
      case "left": return cast(takeLeft(left.columns[o.index]!));
      case "right": {
        const from = aliases[o.index]!;
        return cast(from >= 0 ? takeMatchedKey(left.columns[from]!, li, ri) : takeVec(right.columns[o.index]!, ri));
      }
      case "coalesce": {
        const l = cast(takeLeft(left.columns[o.left]!)), r = cast(takeVec(right.columns[o.right]!, ri));
        const choice = new Int32Array(n);
        for (let i = 0; i < n; i++) choice[i] = l.valid === null || l.valid[i] === 1 ? 0 : 1;
        return choose(type, [l, r], choice, n);
      }
    }
  });
  return { columns, length: n };
}

export async function* executeHashJoin(node: HashJoinExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const b = await build(node, rt);
  const aliases = rightKeyAliases(node);
  const R = b.chunk;
  const nR = R.length;
  const how = node.how;
  const matchedRight = how === "right" || how === "full" ? new Uint8Array(nR) : null;
  const li = new IntList(), ri = new IntList();
  const scratch = new Scratch();
  const leftTypes = node.left.schema.fields.map((f) => f.type);

  function* probe(L: Chunk): Generator<Chunk> {
    const nL = L.length;
    // Candidate pairs, grouped by ascending left row.
    let pl: Int32Array, pr: Int32Array;
    // Left and full joins without a residual get their unmatched rows interleaved here already.
    const direct = node.residual === null && (how === "left" || how === "full");
    if (b.direct !== null) {
      scratch.fit(nL);
      const gids = directIds(evaluate(node.leftKeys[0]!, L, rt.eval), b.direct.base, b.direct.span, nL, scratch.ids);
      ({ pl, pr } = pairs(b, gids, null, nL, direct, scratch));
    } else if (b.table !== null) {
      const keys = node.leftKeys.map((k) => evaluate(k, L, rt.eval));
      const gids = b.table.lookup(keys, nL);
      const ok = keyOk(keys, node.nullSafe, nL);
      ({ pl, pr } = pairs(b, gids, ok, nL, direct, scratch));
    } else {
      li.clear(); ri.clear();
      for (let i = 0; i < nL; i++) for (let r = 0; r < nR; r++) { li.push(i); ri.push(r); }
      pl = li.view(); pr = ri.view();
      if (direct) ({ pl, pr } = interleaveUnmatched(pl, pr, nL));
    }
    if (node.residual !== null && pl.length > 0) {
      const pairs: Chunk = { columns: [...L.columns.map((v) => takeVec(v, pl)), ...R.columns.map((v) => takeVec(v, pr))], length: pl.length };
      const mask = evaluatePredicate(node.residual, pairs, rt.eval);
      let k = 0;
      const fl = new Int32Array(pl.length), fr = new Int32Array(pl.length);
      for (let p = 0; p < pl.length; p++) if (mask[p] === 1) { fl[k] = pl[p]!; fr[k] = pr[p]!; k++; }
      pl = fl.subarray(0, k); pr = fr.subarray(0, k);
    }
    if (matchedRight !== null) for (let p = 0; p < pr.length; p++) if (pr[p]! >= 0) matchedRight[pr[p]!] = 1;

    let outL: Int32Array, outR: Int32Array;
    switch (how) {
      case "inner": case "cross": case "right": outL = pl; outR = pr; break;
      case "left": case "full": {
        if (direct) { outL = pl; outR = pr; break; }
        ({ pl: outL, pr: outR } = interleaveUnmatched(pl, pr, nL));
        break;
      }
      case "semi": case "anti": {
        const has = new Uint8Array(nL);
        for (let p = 0; p < pl.length; p++) has[pl[p]!] = 1;
        const keep = new IntList(nL);
        const want = how === "semi" ? 1 : 0;
        for (let i = 0; i < nL; i++) if (has[i] === want) keep.push(i);
        outL = keep.view(); outR = new Int32Array(outL.length).fill(-1);
        break;
      }
    }
    if (outL.length > 0) yield outputChunk(node, L, R, outL, outR, rt, aliases);
  }

  // A nested loop pairs every row with every right row: probe in blocks to bound the pair count.
  const block = b.table === null && b.direct === null ? Math.max(1, Math.floor((1 << 20) / Math.max(1, nR))) : Infinity;
  for await (const whole of rt.run(node.left)) {
    checkAbort(rt);
    for (let s = 0; s < whole.length; s += block) {
      const L = block >= whole.length ? whole : sliceChunk(whole, s, Math.min(whole.length, s + block));
      for (const out of probe(L)) yield* slices(out, rt.batchSize);
    }
  }

  if (matchedRight !== null) {
    const keep = new IntList();
    for (let r = 0; r < nR; r++) if (matchedRight[r] === 0) keep.push(r);
    if (keep.length > 0) {
      const emptyLeft: Chunk = { columns: leftTypes.map((t) => castVec({ type: "null", length: 0, valid: new Uint8Array(0) }, t, rt.eval)), length: 0 };
      const rIdx = keep.view();
      yield* slices(outputChunk(node, emptyLeft, R, new Int32Array(rIdx.length).fill(-1), rIdx, rt, new Int32Array(R.columns.length).fill(-1)), rt.batchSize);
    }
  }
}
