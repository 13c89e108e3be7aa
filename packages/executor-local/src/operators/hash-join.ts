// Hash join for every join type. The right side is built into a hash table on the equi-join
// keys; the left side streams through it. A residual condition is checked on candidate pairs.
// Without equi keys it is a nested loop. Null keys never match, except under `<=>`.
import type { JoinType, Schema } from "@lgde/core";
import { castVec } from "../eval/cast.js";
import { choose } from "../eval/choose.js";
import { evaluate, evaluatePredicate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { IntList } from "../kernels/builder.js";
import { GroupTable } from "../kernels/hash.js";
import { concatChunks, sliceChunk, takeVec } from "../kernels/select.js";
import type { Chunk, Vec } from "../kernels/vector.js";
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
  /** CSR index: the right rows of group g are rows[offsets[g] .. offsets[g + 1]), in input order. */
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

async function build(node: HashJoinExec, rt: RuntimeContext): Promise<Built> {
  const parts: Chunk[] = [];
  for await (const c of rt.run(node.right)) parts.push(c);
  const types = node.right.schema.fields.map((f) => f.type);
  const chunk: Chunk = parts.length === 0 ? { columns: types.map((t) => castVec({ type: "null", length: 0, valid: new Uint8Array(0) }, t, rt.eval)), length: 0 } : parts.length === 1 ? parts[0]! : concatChunks(types, parts);
  const n = chunk.length;
  if (node.leftKeys.length === 0) return { chunk, table: null, offsets: new Int32Array(1), rows: new Int32Array(0) };
  const keys = node.rightKeys.map((k) => evaluate(k, chunk, rt.eval));
  const table = new GroupTable(keys.map((k) => k.type), false);
  const ids = table.assign(keys, n);
  const ok = keyOk(keys, node.nullSafe, n);
  // A counting sort of the right rows by group id (stable: each group keeps right-input order).
  // Contiguous per-group rows make probing a sequential read instead of chasing a linked list.
  const offsets = new Int32Array(table.size + 1);
  for (let r = 0; r < n; r++) if (ok === null || ok[r] === 1) offsets[ids[r]! + 1]!++;
  for (let g = 0; g < table.size; g++) offsets[g + 1]! += offsets[g]!;
  const rows = new Int32Array(offsets[table.size]!);
  const fill = offsets.slice(0, table.size);
  for (let r = 0; r < n; r++) if (ok === null || ok[r] === 1) rows[fill[ids[r]!]!++] = r;
  return { chunk, table, offsets, rows };
}

/** Matching (left, right) row pairs by ascending left row; with `keepUnmatched`, unmatched left rows pair with -1. */
function pairs(b: Built, gids: Int32Array, ok: Uint8Array | null, nL: number, keepUnmatched: boolean): { pl: Int32Array; pr: Int32Array } {
  const { offsets, rows } = b;
  let total = 0;
  for (let i = 0; i < nL; i++) {
    const g = gids[i]!;
    const m = g < 0 || (ok !== null && ok[i] === 0) ? 0 : offsets[g + 1]! - offsets[g]!;
    total += m === 0 && keepUnmatched ? 1 : m;
  }
  const pl = new Int32Array(total), pr = new Int32Array(total);
  let p = 0;
  for (let i = 0; i < nL; i++) {
    const g = gids[i]!;
    if (g < 0 || (ok !== null && ok[i] === 0)) { if (keepUnmatched) { pl[p] = i; pr[p++] = -1; } continue; }
    const s = offsets[g]!, e = offsets[g + 1]!;
    if (s === e) { if (keepUnmatched) { pl[p] = i; pr[p++] = -1; } continue; }
    for (let j = s; j < e; j++) { pl[p] = i; pr[p++] = rows[j]!; }
  }
  return { pl, pr };
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

function outputChunk(node: HashJoinExec, left: Chunk, right: Chunk, li: Int32Array, ri: Int32Array, rt: RuntimeContext): Chunk {
  const n = li.length;
  const columns = node.output.map((o, k) => {
    const type = node.schema.fields[k]!.type;
    const cast = (v: Vec) => (v.type === type ? v : castVec(v, type, rt.eval));
    switch (o.side) {
      case "left": return cast(takeVec(left.columns[o.index]!, li));
      case "right": return cast(takeVec(right.columns[o.index]!, ri));
      case "coalesce": {
        const l = cast(takeVec(left.columns[o.left]!, li)), r = cast(takeVec(right.columns[o.right]!, ri));
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
  const R = b.chunk;
  const nR = R.length;
  const how = node.how;
  const matchedRight = how === "right" || how === "full" ? new Uint8Array(nR) : null;
  const li = new IntList(), ri = new IntList();
  const leftTypes = node.left.schema.fields.map((f) => f.type);

  function* probe(L: Chunk): Generator<Chunk> {
    const nL = L.length;
    // Candidate pairs, grouped by ascending left row.
    let pl: Int32Array, pr: Int32Array;
    // Left and full joins without a residual get their unmatched rows interleaved here already.
    const direct = node.residual === null && (how === "left" || how === "full");
    if (b.table !== null) {
      const keys = node.leftKeys.map((k) => evaluate(k, L, rt.eval));
      const gids = b.table.lookup(keys, nL);
      const ok = keyOk(keys, node.nullSafe, nL);
      ({ pl, pr } = pairs(b, gids, ok, nL, direct));
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
    if (outL.length > 0) yield outputChunk(node, L, R, outL, outR, rt);
  }

  // A nested loop pairs every row with every right row: probe in blocks to bound the pair count.
  const block = b.table === null ? Math.max(1, Math.floor((1 << 20) / Math.max(1, nR))) : Infinity;
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
      yield* slices(outputChunk(node, emptyLeft, R, new Int32Array(rIdx.length).fill(-1), rIdx, rt), rt.batchSize);
    }
  }
}
