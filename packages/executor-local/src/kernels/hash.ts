// Assigning dense group ids to key tuples: an open-addressing table for single int32/date keys,
// Maps for other single keys, and composite string keys for the general case. Nulls in keys
// group together (callers that need SQL's "null never matches" mask them out first).
import type { DataType } from "@lgde/core";
import { ColumnBuilder } from "./builder.js";
import { TupleTable } from "./tuple-table.js";
import { strAt, type Vec } from "./vector.js";

/** Open-addressing int32 → id table (linear probing, power-of-two capacity). */
class Int32Table {
  private keys: Int32Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Int32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }
  get(k: number): number {
    let h = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
    const keys = this.keys, ids = this.ids;
    for (;;) {
      const id = ids[h]!;
      if (id === -1 || keys[h] === k) return id;
      h = (h + 1) & this.mask;
    }
  }
  /** The id of k, or `fresh` after inserting k with that id. */
  getOrInsert(k: number, fresh: number): number {
    let h = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
    const keys = this.keys, ids = this.ids;
    for (;;) {
      const id = ids[h]!;
      if (id === -1) {
        keys[h] = k; ids[h] = fresh; this.size++;
        if (this.size * 2 > this.mask) this.rehash();
        return fresh;
      }
      if (keys[h] === k) return id;
      h = (h + 1) & this.mask;
    }
  }
  private rehash(): void {
    const oldKeys = this.keys, oldIds = this.ids;
    const cap = (this.mask + 1) * 2;
    this.keys = new Int32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let i = 0; i < oldIds.length; i++) {
      const id = oldIds[i]!;
      if (id === -1) continue;
      const k = oldKeys[i]!;
      let h = Math.imul(k, 0x9e3779b1) >>> 0 & this.mask;
      while (this.ids[h] !== -1) h = (h + 1) & this.mask;
      this.keys[h] = k; this.ids[h] = id;
    }
  }
}

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

/**
 * Maps key tuples to dense ids 0..size-1 in first-seen order and keeps each group's key values.
 * Mutable; owned by one operator stream.
 */
export class GroupTable {
  size = 0;
  private readonly int32: Int32Table | null;
  private readonly map = new Map<MapKey, number>();
  private nullId = -1;
  private readonly builders: ColumnBuilder[];
  /** Several key columns: one id table per column, and a table of the tuples of their ids. */
  private readonly perColumn: GroupTable[] | null;
  private readonly tuples: TupleTable | null;

  constructor(readonly types: readonly DataType[], private readonly keepKeys = true) {
    this.int32 = types.length === 1 && (types[0] === "int32" || types[0] === "date") ? new Int32Table() : null;
    this.builders = keepKeys ? types.map((t) => new ColumnBuilder(t)) : [];
    this.perColumn = types.length > 1 ? types.map((t) => new GroupTable([t], false)) : null;
    this.tuples = types.length > 1 ? new TupleTable(types.length) : null;
  }

  private fresh(keys: readonly Vec[], i: number): number {
    const id = this.size++;
    if (this.keepKeys) for (let k = 0; k < keys.length; k++) this.builders[k]!.appendFrom(keys[k]!, i);
    return id;
  }

  /** Ids for rows 0..n-1, inserting new keys. */
  assign(keys: readonly Vec[], n: number, out: Int32Array = new Int32Array(n)): Int32Array {
    if (keys.length === 0) { out.fill(0, 0, n); if (this.size === 0) this.size = 1; return out; }
    if (keys.length === 1) {
      const v = keys[0]!;
      const valid = v.type === "null" ? new Uint8Array(n) : v.valid;
      const table = this.int32;
      if (table !== null && (v.type === "int32" || v.type === "date")) {
        const a = v.values;
        for (let i = 0; i < n; i++) {
          if (valid !== null && valid[i] === 0) { out[i] = this.nullId >= 0 ? this.nullId : (this.nullId = this.fresh(keys, i)); continue; }
          const id = table.getOrInsert(a[i]!, this.size);
          if (id === this.size) this.fresh(keys, i);
          out[i] = id;
        }
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
      const tuples = this.tuples;
      for (let i = 0; i < n; i++) {
        const id = tuples.getOrInsert(parts, i);
        if (id === this.size) this.fresh(keys, i);
        out[i] = id;
      }
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
      const v = keys[0]!;
      const valid = v.type === "null" ? new Uint8Array(n) : v.valid;
      if (this.int32 !== null && (v.type === "int32" || v.type === "date")) {
        const a = v.values, table = this.int32;
        for (let i = 0; i < n; i++) out[i] = valid !== null && valid[i] === 0 ? this.nullId : table.get(a[i]!);
        return out;
      }
      const key = keyFn(v);
      for (let i = 0; i < n; i++) out[i] = valid !== null && valid[i] === 0 ? this.nullId : this.map.get(key(i)) ?? -1;
      return out;
    }
    if (this.tuples !== null && this.perColumn !== null && keys.length === this.perColumn.length) {
      const parts = keys.map((k, c) => this.perColumn![c]!.lookup([k], n));
      for (let i = 0; i < n; i++) {
        let absent = false;
        for (const p of parts) if (p[i] === -1) { absent = true; break; }
        out[i] = absent ? -1 : this.tuples.get(parts, i);
      }
      return out;
    }
    const key = compositeKeyFn(keys);
    for (let i = 0; i < n; i++) out[i] = this.map.get(key(i)) ?? -1;
    return out;
  }

  /** Each group's key values, in id order. */
  keyColumns(): Vec[] {
    return this.builders.map((b) => b.finish());
  }
}
