// Row comparators for sorting: multi-key, ascending/descending, nulls first/last.
import { compareBytes, type Vec } from "./vector.js";

/** One sort key over a vector. */
export interface SortKey {
  readonly vec: Vec;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

function valueComparator(v: Vec): (i: number, j: number) => number {
  switch (v.type) {
    case "int32": case "date": case "bool": { const a = v.values; return (i, j) => a[i]! - a[j]!; }
    case "int64": case "timestamp": { const a = v.values; return (i, j) => (a[i]! < a[j]! ? -1 : a[i]! > a[j]! ? 1 : 0); }
    case "float64": {
      const a = v.values;
      return (i, j) => {
        const x = a[i]!, y = a[j]!;
        if (x < y) return -1;
        if (x > y) return 1;
        if (x === y) return 0;
        const xn = x !== x, yn = y !== y; // NaN sorts above every number, as in Spark
        return xn === yn ? 0 : xn ? 1 : -1;
      };
    }
    case "utf8": { const o = v.offsets, b = v.bytes; return (i, j) => compareBytes(b, o[i]!, o[i + 1]!, b, o[j]!, o[j + 1]!); }
    case "null": return () => 0;
  }
}

/** Compares row i of `a` with row j of `b` (same type), as `valueComparator` does within one vector. */
function crossValueComparator(a: Vec, b: Vec): (i: number, j: number) => number {
  switch (a.type) {
    case "int32": case "date": case "bool": { const x = a.values, y = (b as typeof a).values; return (i, j) => x[i]! - y[j]!; }
    case "int64": case "timestamp": { const x = a.values, y = (b as typeof a).values; return (i, j) => (x[i]! < y[j]! ? -1 : x[i]! > y[j]! ? 1 : 0); }
    case "float64": {
      const x = a.values, y = (b as typeof a).values;
      return (i, j) => {
        const p = x[i]!, q = y[j]!;
        if (p < q) return -1;
        if (p > q) return 1;
        if (p === q) return 0;
        const pn = p !== p, qn = q !== q;
        return pn === qn ? 0 : pn ? 1 : -1;
      };
    }
    case "utf8": { const o = a.offsets, d = a.bytes, bo = (b as typeof a).offsets, bd = (b as typeof a).bytes; return (i, j) => compareBytes(d, o[i]!, o[i + 1]!, bd, bo[j]!, bo[j + 1]!); }
    case "null": return () => 0;
  }
}

/**
 * Compares row i of the keys `a` with row j of the keys `b` (the same sort keys over two sets of
 * rows): negative when row i sorts first, 0 on a full tie (callers decide ties by input order).
 */
export function crossRowComparator(a: readonly SortKey[], b: readonly SortKey[]): (i: number, j: number) => number {
  const parts = a.map((k, c) => {
    const other = b[c]!.vec;
    return {
      cmp: k.vec.type === other.type ? crossValueComparator(k.vec, other) : () => 0,
      va: k.vec.type === "null" ? new Uint8Array(k.vec.length) : k.vec.valid,
      vb: other.type === "null" ? new Uint8Array(other.length) : other.valid,
      dir: k.ascending ? 1 : -1,
      nulls: k.nullsFirst ? -1 : 1,
    };
  });
  return (i, j) => {
    for (const p of parts) {
      const x = p.va === null ? 1 : p.va[i]!, y = p.vb === null ? 1 : p.vb[j]!;
      if (x !== y) return x === 0 ? p.nulls : -p.nulls;
      if (x === 0) continue;
      const c = p.cmp(i, j);
      if (c !== 0) return c * p.dir;
    }
    return 0;
  };
}

/** A comparator of row indices over the keys; ties keep index order, so sorting is stable. */
export function rowComparator(keys: readonly SortKey[]): (i: number, j: number) => number {
  const parts = keys.map((k) => ({
    cmp: valueComparator(k.vec),
    valid: k.vec.type === "null" ? new Uint8Array(k.vec.length) : k.vec.valid,
    dir: k.ascending ? 1 : -1,
    nulls: k.nullsFirst ? -1 : 1,
  }));
  return (i, j) => {
    for (const p of parts) {
      if (p.valid !== null) {
        const a = p.valid[i]!, b = p.valid[j]!;
        if (a !== b) return a === 0 ? p.nulls : -p.nulls;
        if (a === 0) continue;
      }
      const c = p.cmp(i, j);
      if (c !== 0) return c * p.dir;
    }
    return i - j;
  };
}

/** Row indices 0..n-1 sorted by the keys (stable). */
export function sortIndices(keys: readonly SortKey[], n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (keys.length === 1 && keys[0]!.vec.valid === null && (keys[0]!.vec.type === "int32" || keys[0]!.vec.type === "date")) {
    // Fast path: one non-null int key.
    const a = keys[0]!.vec.values, dir = keys[0]!.ascending ? 1 : -1;
    return idx.sort((i, j) => (a[i]! - a[j]!) * dir || i - j);
  }
  return idx.sort(rowComparator(keys));
}
