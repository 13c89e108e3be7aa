// Assigning dense group ids to key tuples: `IntIds` for single int keys (direct indexing or an
// open-addressing table), Maps for other single keys, per-column ids plus a `TupleTable` for
// several keys, and composite string keys for the general case. Nulls in keys
// group together (callers that need SQL's "null never matches" mask them out first).
import type { DataType } from "@lgde/core";
import { ColumnBuilder, IntList } from "./builder.js";
import { IntIds } from "./int-ids.js";
import { StrIds } from "./str-ids.js";
import { TupleTable } from "./tuple-table.js";
import { allNull, strAt, type Vec } from "./vector.js";

/** A scalar key usable in a Map: numbers (int64 as number when exact), strings. */
type MapKey = number | bigint | string;

function keyFn(v: Vec): (i: number) => MapKey {
  switch (v.type) {
    case "int32": case "date": case "bool": { const a = v.values; return (i) => a[i]!; }
    case "float64": { const a = v.values; return (i) => (a[i] === 0 ? 0 : a[i]!); }
    case "int64": case "timestamp": {
      const a = v.values;
      return (i) => { const x = a[i]!; return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x; };
    }
    case "utf8": return (i) => strAt(v, i);
    case "null": return () => 0;
  }
}

/** A NullVec as an all-null vector of the table's key type, so that it takes that type's path. */
function asTyped(v: Vec, type: DataType, n: number): Vec {
  return v.type === "null" && type !== "null" ? allNull(type, n) : v;
}

/** Composite key text of row i over several columns (type-tagged, length-prefixed, nulls marked). */
function compositeKeyFn(vs: readonly Vec[]): (i: number) => string {
  const parts = vs.map((v) => ({ v, k: keyFn(v) }));
  return (i) => {
    let s = "";
    for (const { v, k } of parts) {
      if (v.type === "null" || (v.valid !== null && v.valid[i] === 0)) { s += "\u0001|"; continue; }
      const x = k(i);
      s += typeof x === "string" ? `${x.length}:${x}|` : `${String(x)}|`;
    }
    return s;
  };
}

/** The rows where ids before..after-1 first appear in `ids` (a table gives new keys ids in row order). */
export function rowsOfNewIds(ids: Int32Array, n: number, before: number, after: number): Int32Array {
  const out = new Int32Array(after - before);
  for (let i = 0, next = before; i < n && next < after; i++) if (ids[i] === next) out[next++ - before] = i;
  return out;
}

/**
 * Maps key tuples to dense ids 0..size-1 in first-seen order and keeps each group's key values.
 * Mutable; owned by one operator stream.
 */
export class GroupTable {
  size = 0;
  /** A single int32/date/int64/timestamp key. */
  private readonly ints: IntIds | null;
  /** Single int32/date key: each group's key (0 for the null group), cheaper than a builder. */
  private readonly intKeys: IntList | null;
  /** A single utf8 key. */
  private readonly strs: StrIds | null;
  private readonly map = new Map<MapKey, number>();
  private nullId = -1;
  private readonly builders: ColumnBuilder[];
  /** Several key columns: one id table per column, and a table of the tuples of their ids. */
  private readonly perColumn: GroupTable[] | null;
  private readonly tuples: TupleTable | null;

  constructor(readonly types: readonly DataType[], private readonly keepKeys = true) {
    const t = types.length === 1 ? types[0]! : null;
    this.ints = t === "int32" || t === "date" || t === "int64" || t === "timestamp" ? new IntIds() : null;
    const small = t === "int32" || t === "date";
    this.strs = t === "utf8" ? new StrIds() : null;
    this.builders = keepKeys && !small ? types.map((ty) => new ColumnBuilder(ty)) : [];
    this.intKeys = keepKeys && small ? new IntList() : null;
    this.perColumn = types.length > 1 ? types.map((ty) => new GroupTable([ty], false)) : null;
    this.tuples = types.length > 1 ? new TupleTable(types.length) : null;
  }

  /** Whether a single int key is still on direct indexing (for tests). */
  get denseInts(): boolean { return this.ints !== null && this.ints.isDense; }

  private fresh(keys: readonly Vec[], i: number): number {
    const id = this.size++;
    if (this.keepKeys) this.keepKey(keys, i);
    return id;
  }

  private keepKey(keys: readonly Vec[], i: number): void {
    if (this.intKeys !== null) { const v = keys[0]!; this.intKeys.push((v.type === "int32" || v.type === "date") && (v.valid === null || v.valid[i] === 1) ? v.values[i]! : 0); }
    else for (let k = 0; k < keys.length; k++) this.builders[k]!.appendFrom(keys[k]!, i);
  }

  /** Ids for rows 0..n-1, inserting new keys. */
  assign(keys: readonly Vec[], n: number, out: Int32Array = new Int32Array(n)): Int32Array {
    if (keys.length === 0) { out.fill(0, 0, n); if (this.size === 0) this.size = 1; return out; }
    if (keys.length === 1) {
      const v = asTyped(keys[0]!, this.types[0]!, n);
      const valid = v.type === "null" ? new Uint8Array(n) : v.valid;
      if (this.ints !== null && (v.type === "int32" || v.type === "date" || v.type === "int64" || v.type === "timestamp")) {
        const before = this.size;
        // int32/date keys are recorded in `intKeys` while assigning; others from their first rows below.
        if (v.type === "int32" || v.type === "date") this.ints.assign32(v.values, valid, n, out, this.intKeys);
        else if (v.type === "int64" || v.type === "timestamp") this.ints.assign64(v.values, valid, n, out);
        this.size = this.ints.size;
        this.nullId = this.ints.nullId;
        // New ids appear in row order: their first rows give the group keys.
        if (this.keepKeys && this.intKeys === null && this.size > before) for (let i = 0, next = before; i < n && next < this.size; i++) if (out[i] === next) { this.keepKey(keys, i); next++; }
        return out;
      }
      if (this.strs !== null && v.type === "utf8") {
        const before = this.size;
        this.strs.assign(v, n, out);
        this.size = this.strs.size;
        this.nullId = this.strs.nullId;
        if (this.keepKeys && this.size > before) for (let i = 0, next = before; i < n && next < this.size; i++) if (out[i] === next) { this.keepKey(keys, i); next++; }
        return out;
      }
      const key = keyFn(v);
      const map = this.map;
      for (let i = 0; i < n; i++) {
        if (valid !== null && valid[i] === 0) { out[i] = this.nullId >= 0 ? this.nullId : (this.nullId = this.fresh(keys, i)); continue; }
        const k = key(i);
        let id = map.get(k);
        if (id === undefined) { id = this.fresh(keys, i); map.set(k, id); }
        out[i] = id;
      }
      return out;
    }
    if (this.tuples !== null && this.perColumn !== null && keys.length === this.perColumn.length) {
      // Equal tuples ⇔ equal ids in every column (each column's table has the same null and -0/NaN rules).
      const parts = keys.map((k, c) => this.perColumn![c]!.assign([k], n));
      const before = this.size;
      this.tuples.assign(parts, n, out);
      // New ids appear in row order: their first rows give the group keys.
      for (let i = 0; i < n && this.size < this.tuples.size; i++) if (out[i] === this.size) this.fresh(keys, i);
      if (this.size !== this.tuples.size) throw new Error(`internal: tuple ids ${before}..${this.tuples.size} not in row order`);
      return out;
    }
    const key = compositeKeyFn(keys);
    const map = this.map;
    for (let i = 0; i < n; i++) {
      const k = key(i);
      let id = map.get(k);
      if (id === undefined) { id = this.fresh(keys, i); map.set(k, id); }
      out[i] = id;
    }
    return out;
  }

  /** Ids for rows 0..n-1 without inserting; -1 where the key is absent. */
  lookup(keys: readonly Vec[], n: number): Int32Array {
    const out = new Int32Array(n);
    if (keys.length === 0) { out.fill(this.size > 0 ? 0 : -1); return out; }
    if (keys.length === 1) {
      const v = asTyped(keys[0]!, this.types[0]!, n);
      const valid = v.type === "null" ? new Uint8Array(n) : v.valid;
      if (this.ints !== null && (v.type === "int32" || v.type === "date" || v.type === "int64" || v.type === "timestamp")) {
        if (v.type === "int32" || v.type === "date") this.ints.lookup32(v.values, valid, n, out);
        else if (v.type === "int64" || v.type === "timestamp") this.ints.lookup64(v.values, valid, n, out);
        return out;
      }
      if (this.strs !== null && v.type === "utf8") { this.strs.lookup(v, n, out); return out; }
      const key = keyFn(v);
      for (let i = 0; i < n; i++) out[i] = valid !== null && valid[i] === 0 ? this.nullId : this.map.get(key(i)) ?? -1;
      return out;
    }
    if (this.tuples !== null && this.perColumn !== null && keys.length === this.perColumn.length) {
      const parts = keys.map((k, c) => this.perColumn![c]!.lookup([k], n));
      this.tuples.lookup(parts, n, out);
      return out;
    }
    const key = compositeKeyFn(keys);
    for (let i = 0; i < n; i++) out[i] = this.map.get(key(i)) ?? -1;
    return out;
  }

  /** Each group's key values, in id order. */
  keyColumns(): Vec[] {
    if (this.intKeys !== null) {
      const n = this.size, values = this.intKeys.view().slice(0, n);
      let valid: Uint8Array | null = null;
      if (this.nullId >= 0) { valid = new Uint8Array(n).fill(1); valid[this.nullId] = 0; }
      return [{ type: this.types[0] as "int32" | "date", length: n, values, valid }];
    }
    return this.builders.map((b) => b.finish());
  }
}
