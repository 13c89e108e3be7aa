// First occurrences of multi-column keys (distinct, dropDuplicates on several columns). Each key
// column becomes an int per row (the first 31 int32/date columns their values as they are, others ids
// from a `GroupTable` of the column), and the tuples of those ints are deduped:
//
// - while the tuples seen are few, in a `TupleTable`, streaming: a batch's new rows come out at once;
// - past `limits.streamTuples` tuples, by radix partitioning, a window of rows at a time: the window's
//   batches are held, their tuples scattered by the top bits of their hash into partitions, and each
//   partition deduped against its own table of the tuples seen so far, which is small enough to stay
//   in cache (and in the TLB) while its records go through; then the window's batches come out in
//   their order.
//
// One big table is bound by a cache and TLB miss per row (~400 ns a row on a 10M-row distinct); a
// partition's table is not (~100 ns a row, all passes included). The price is holding a window of the
// input instead of streaming it, which is why small inputs keep streaming and windows are bounded.
// Which rows are kept does not change: a partition receives its tuples in input order, so the first
// occurrence of each tuple is the one flagged.
import type { DataType } from "@lgde/core";
import { GroupTable, rowsOfNewIds } from "./hash.js";
import { maskToIndices } from "./select.js";
import { TupleTable, hashRows } from "./tuple-table.js";
import type { Chunk } from "./vector.js";

/** Sizes that decide how `FirstTuples` works (tests make them small). */
export interface FirstTuplesLimits {
  /** Distinct tuples after which the input is held and deduped by partitions, a window at a time. */
  readonly streamTuples: number;
  /** Rows held per window: the memory a window takes (its batches and ~24 bytes a row of records); later windows reload the tuples of earlier ones, packed. */
  readonly windowRows: number;
  /**
   * New tuples a partition's table makes room for in a window at most (it doubles when half full):
   * a partition holding one frequent tuple's millions of rows must not get millions of slots.
   */
  readonly partitionTuples: number;
  /** The held tuples go to 2^partitionBits partitions by the top bits of their hash (0 to 16). */
  readonly partitionBits: number;
}

/** 2^10 partitions: 10M distinct tuples of three int columns make a table of ~0.5 MiB per partition. */
const DEFAULT_LIMITS: FirstTuplesLimits = { streamTuples: 1 << 18, windowRows: 1 << 24, partitionTuples: 1 << 16, partitionBits: 10 };

/** A batch and the rows of it whose key is new, in row order. */
export interface FirstRows {
  readonly chunk: Chunk;
  readonly rows: Int32Array;
}

/** A held batch and the index of its first row among the rows held in the window. */
interface Held {
  readonly chunk: Chunk;
  readonly base: number;
}

/** Rows whose tuples are scattered into one run at a time (a run's records: 24 MiB for three int key columns). */
const RUN_ROWS = 1 << 20;

/** Tuples scattered but not yet sorted into a run. */
interface Pending {
  readonly parts: readonly Int32Array[];
  readonly hashes: Int32Array;
  /** The window index of row 0, or -1 for tuples seen while streaming (never flagged). */
  readonly base: number;
  readonly n: number;
}

/** Records (hash, window row or -1, a part per column) sorted by partition; partition p is records starts[p] .. starts[p + 1] - 1. */
interface Run {
  readonly records: Int32Array;
  readonly starts: Int32Array;
}

/**
 * How a key column becomes a tuple part: its int32/date values as they are (a null as 0 plus a bit
 * in the tuple's null mask), which spares an id lookup per row, or ids from a table of its own.
 */
type PartSource = { readonly kind: "raw"; readonly bit: number } | { readonly kind: "ids"; readonly table: GroupTable };

export class FirstTuples {
  private readonly sources: PartSource[];
  /** Whether the tuple ends with a null mask of the raw columns. */
  private readonly masked: boolean;
  private tuples: TupleTable | null;
  /** Once holding: per partition, the tuples of earlier windows, packed (null before holding). */
  private known: Int32Array[] | null = null;
  /** The table every partition is deduped in, in turn (it stays in cache). */
  private readonly table: PartitionTable;
  private pending: Pending[] = [];
  private pendingRows = 0;
  private runs: Run[] = [];
  private readonly stride: number;
  private held: Held[] = [];
  private heldRows = 0;

  constructor(types: readonly DataType[], private readonly keys: readonly number[], private readonly limits: FirstTuplesLimits = DEFAULT_LIMITS) {
    if (types.length < 2) throw new Error("internal: FirstTuples needs at least two key columns");
    const bits = limits.partitionBits;
    if (!Number.isInteger(bits) || bits < 0 || bits > 16) throw new RangeError(`internal: partitionBits must be 0 to 16, got ${bits}`);
    let raw = 0;
    this.sources = types.map((t) => (
      (t === "int32" || t === "date") && raw < 31 ? { kind: "raw", bit: 1 << raw++ } : { kind: "ids", table: new GroupTable([t], false) }
    ));
    this.masked = raw > 0;
    const width = types.length + (this.masked ? 1 : 0);
    this.tuples = new TupleTable(width);
    this.stride = width + 2;
    this.table = new PartitionTable(width + 1);
  }

  /** Whether the input is now held a window at a time (for tests). */
  get holding(): boolean { return this.known !== null; }

  /** What can be passed on after `c`: `c` itself with its new rows while streaming, a whole window's batches when one fills up, or nothing. */
  add(c: Chunk): FirstRows[] {
    const n = c.length;
    const parts = this.partsOf(c);
    if (this.tuples !== null) {
      const t = this.tuples, before = t.size;
      const ids = new Int32Array(n);
      t.assign(parts, n, ids);
      const rows = rowsOfNewIds(ids, n, before, t.size);
      if (t.size >= this.limits.streamTuples) this.startHolding(t);
      return [{ chunk: c, rows }];
    }
    this.scatter(parts, n, this.heldRows);
    this.held.push({ chunk: c, base: this.heldRows });
    this.heldRows += n;
    return this.heldRows >= this.limits.windowRows ? this.window(false) : [];
  }

  /** The batches still held, in input order, each with its rows whose key is new. */
  finish(): FirstRows[] {
    return this.known === null ? [] : this.window(true);
  }

  /** The tuple parts of a batch's rows: one int per key column, then the null mask. */
  private partsOf(c: Chunk): Int32Array[] {
    const n = c.length;
    const mask = this.masked ? new Int32Array(n) : null;
    const parts = this.sources.map((src, i) => {
      const v = c.columns[this.keys[i]!]!;
      if (src.kind === "ids") return src.table.assign([v], n);
      if (v.type === "null") {
        // An all-null column (no values to read).
        for (let r = 0; r < n; r++) mask![r]! |= src.bit;
        return new Int32Array(n);
      }
      if (v.type !== "int32" && v.type !== "date") throw new Error(`internal: key column ${this.keys[i]} of a distinct holds ${v.type}, expected int32 or date`);
      if (v.valid === null) return v.values.length === n ? v.values : v.values.subarray(0, n);
      const out = v.values.slice(0, n);
      for (let r = 0; r < n; r++) if (v.valid[r] === 0) { out[r] = 0; mask![r]! |= src.bit; }
      return out;
    });
    if (mask !== null) parts.push(mask);
    return parts;
  }

  /** Moves the streamed tuples into the partitions (as rows never passed on again), then holds from now on. */
  private startHolding(t: TupleTable): void {
    this.known = Array.from({ length: 1 << this.limits.partitionBits }, () => EMPTY);
    this.scatter(t.tupleColumns(), t.size, -1);
    this.tuples = null;
  }

  /** Queues rows 0..n-1 of `parts` for the next run. */
  private scatter(parts: readonly Int32Array[], n: number, base: number): void {
    const hashes = new Int32Array(n);
    hashRows(parts, n, hashes);
    this.pending.push({ parts, hashes, base, n });
    this.pendingRows += n;
    if (this.pendingRows >= RUN_ROWS) this.flush();
  }

  /** Sorts the pending tuples by partition into a run (stable: input order within each partition). */
  private flush(): void {
    if (this.pendingRows === 0) return;
    // A partition is the top `bits` bits of the hash: (h >>> 1) >>> (31 - bits), which is also right for 0 bits.
    const stride = this.stride, bits = this.limits.partitionBits, shift = 31 - bits, partitions = 1 << bits;
    const starts = new Int32Array(partitions + 1);
    for (const { hashes, n } of this.pending) for (let i = 0; i < n; i++) starts[((hashes[i]! >>> 1) >>> shift) + 1]!++;
    for (let p = 0; p < partitions; p++) starts[p + 1]! += starts[p]!;
    const at = starts.slice(0, partitions);
    const records = new Int32Array(this.pendingRows * stride);
    for (const { parts, hashes, base, n } of this.pending) writeRecords(records, at, stride, shift, parts, hashes, base, n);
    this.runs.push({ records, starts });
    this.pending = [];
    this.pendingRows = 0;
  }

  /**
   * Dedupes the window's tuples partition by partition, each against the tuples of earlier windows
   * (loaded into the table first), then passes on the window's batches. `last`: no window follows,
   * so the tuples need not be kept.
   */
  private window(last: boolean): FirstRows[] {
    this.flush();
    const runs = this.runs, known = this.known!, table = this.table, stride = this.stride;
    const isNew = new Uint8Array(this.heldRows);
    for (let p = 0; p < known.length; p++) {
      let n = 0;
      for (const r of runs) n += r.starts[p + 1]! - r.starts[p]!;
      if (n === 0) continue;
      // Room for every record being new (up to a bound), so that the table rarely grows.
      table.reset(known[p]!.length / table.width + Math.min(n, this.limits.partitionTuples));
      table.load(known[p]!);
      for (const r of runs) dedupeRecords(table, r.records, r.starts[p]!, r.starts[p + 1]!, stride, isNew);
      if (!last) known[p] = table.packed();
    }
    const out = this.held.map(({ chunk, base }): FirstRows => (
      { chunk, rows: maskToIndices(isNew.subarray(base, base + chunk.length), chunk.length) }
    ));
    this.runs = [];
    this.held = [];
    this.heldRows = 0;
    return out;
  }
}

/** Writes a pending batch's records at their partitions' cursors `at`. */
function writeRecords(records: Int32Array, at: Int32Array, stride: number, shift: number, parts: readonly Int32Array[], hashes: Int32Array, base: number, n: number): void {
  const w = parts.length;
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!, p = (h >>> 1) >>> shift;
    let q = at[p]! * stride;
    at[p]!++;
    records[q++] = h;
    records[q++] = base < 0 ? -1 : base + i;
    for (let c = 0; c < w; c++) records[q++] = parts[c]![i]!;
  }
}

/** One partition's tuples: open addressing over slots of (hash | 1, a part per column), at most half full. */
class PartitionTable {
  slots = new Int32Array(0);
  mask = 0;
  size = 0;

  constructor(readonly width: number) {}

  /** Empties the table, with room for `expected` tuples. */
  reset(expected: number): void {
    let cap = 16;
    while (cap < 2 * expected) cap *= 2;
    const need = cap * this.width;
    if (this.slots.length < need) this.slots = new Int32Array(need);
    else this.slots.fill(0, 0, need);
    this.mask = cap - 1;
    this.size = 0;
  }

  /** Inserts packed tuples known to be distinct (and absent). */
  load(packed: Int32Array): void {
    const width = this.width;
    for (let q = 0; q < packed.length; q += width) {
      if (++this.size * 2 > this.mask + 1) this.grow();
      const slots = this.slots, mask = this.mask;
      let s = (packed[q]! >>> 1) & mask;
      while (slots[s * width] !== 0) s = (s + 1) & mask;
      slots.set(packed.subarray(q, q + width), s * width);
    }
  }

  /** The tuples held, packed. */
  packed(): Int32Array {
    const width = this.width, slots = this.slots, out = new Int32Array(this.size * width);
    for (let s = 0, q = 0; q < out.length; s++) {
      if (slots[s * width] === 0) continue;
      out.set(slots.subarray(s * width, (s + 1) * width), q);
      q += width;
    }
    return out;
  }

  /** Doubles the slots, moving every tuple. */
  grow(): void {
    const old = this.slots, width = this.width, oldCap = this.mask + 1;
    const cap = oldCap * 2, mask = cap - 1;
    const slots = new Int32Array(Math.max(old.length, cap * width));
    for (let o = 0; o < oldCap; o++) {
      const tag = old[o * width]!;
      if (tag === 0) continue;
      let s = (tag >>> 1) & mask;
      while (slots[s * width] !== 0) s = (s + 1) & mask;
      slots.set(old.subarray(o * width, (o + 1) * width), s * width);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

const EMPTY = new Int32Array(0);

/** Inserts records from..to-1 in order into a partition's table, flagging window rows whose tuple is new. */
function dedupeRecords(table: PartitionTable, r: Int32Array, from: number, to: number, stride: number, isNew: Uint8Array): void {
  const width = table.width, w = width - 1;
  let slots = table.slots, mask = table.mask;
  for (let k = from; k < to; k++) {
    const q = k * stride, tag = r[q]! | 1;
    // The probe starts from the hash without its low bit, which the tag sets.
    for (let s = (tag >>> 1) & mask; ; s = (s + 1) & mask) {
      const b = s * width;
      const at = slots[b]!;
      if (at === 0) {
        slots[b] = tag;
        for (let c = 0; c < w; c++) slots[b + 1 + c] = r[q + 2 + c]!;
        const row = r[q + 1]!;
        if (row >= 0) isNew[row] = 1;
        if (++table.size * 2 > mask + 1) {
          table.grow();
          slots = table.slots;
          mask = table.mask;
        }
        break;
      }
      if (at === tag && sameTuple(slots, b + 1, r, q + 2, w)) break;
    }
  }
}

function sameTuple(a: Int32Array, i: number, b: Int32Array, j: number, w: number): boolean {
  for (let c = 0; c < w; c++) if (a[i + c] !== b[j + c]) return false;
  return true;
}
