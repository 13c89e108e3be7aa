// Decides from per-column value ranges (row-group statistics, partition values) whether any row
// can satisfy pushed-down filters. Only answers "no" when certain: skipping is an optimisation,
// and the executor re-applies every filter anyway.
import type { Expr, Literal } from "@lgde/core";

/** A comparable value: numbers and bigints compare with each other, strings by code point. */
export type Comparable = number | bigint | string | boolean;

/** What is known about one column in a chunk of rows. Absent min/max means unknown. */
export interface ColumnRange {
  readonly min?: Comparable;
  readonly max?: Comparable;
  /** Nulls in the chunk; undefined when unknown. */
  readonly nullCount?: number;
  /** Rows in the chunk. */
  readonly rows: number;
}

export type RangeLookup = (column: string) => ColumnRange | undefined;

function compareStrings(a: string, b: string): number {
  // Code point order equals UTF-8 byte order, which is how Parquet orders string statistics.
  const ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next(), y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!, cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Compares two values of the same family, or returns null when they are not comparable. */
export function compare(a: Comparable, b: Comparable): number | null {
  const numeric = (v: Comparable): boolean => typeof v === "number" || typeof v === "bigint";
  if (numeric(a) && numeric(b)) return a < b ? -1 : a > b ? 1 : a == b ? 0 : null; // NaN: null
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  return null;
}

/** A literal's comparable value (int64 beyond 2^53 arrives as a decimal string), or null. */
function literalValue(l: Literal): Comparable | null {
  if (l.value === null) return null;
  if (l.type === "int64" && typeof l.value === "string") return BigInt(l.value);
  if (l.type === "timestamp" && typeof l.value === "number") return BigInt(Math.trunc(l.value));
  return l.value;
}

type Op = "=" | "!=" | "<" | "<=" | ">" | ">=" | "<=>";
const FLIP: Record<Op, Op> = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=", "<=>": "<=>" };

/** Whether some row with `column op value` may exist in the range. */
function rangeMayMatch(r: ColumnRange, op: Op, v: Comparable): boolean {
  if (r.nullCount !== undefined && r.nullCount >= r.rows) return false; // all null: comparisons are null
  if (r.min === undefined || r.max === undefined) return true;
  const lo = compare(r.min, v), hi = compare(r.max, v);
  if (lo === null || hi === null) return true;
  switch (op) {
    case "=": case "<=>": return lo <= 0 && hi >= 0;
    case "!=": return !(lo === 0 && hi === 0);
    case "<": return lo < 0;
    case "<=": return lo <= 0;
    case ">": return hi > 0;
    case ">=": return hi >= 0;
  }
}

/** Whether some row in the chunk may satisfy `e` (true when unsure). */
export function mayMatch(e: Expr, lookup: RangeLookup): boolean {
  switch (e.kind) {
    case "binary": {
      if (e.op === "and") return mayMatch(e.left, lookup) && mayMatch(e.right, lookup);
      if (e.op === "or") return mayMatch(e.left, lookup) || mayMatch(e.right, lookup);
      const op = e.op as string;
      if (!(op in FLIP)) return true;
      let col: string, lit: Literal, o = op as Op;
      if (e.left.kind === "column" && e.right.kind === "literal") { col = e.left.name; lit = e.right; }
      else if (e.right.kind === "column" && e.left.kind === "literal") { col = e.right.name; lit = e.left; o = FLIP[o]; }
      else return true;
      const r = lookup(col);
      if (r === undefined) return true;
      const v = literalValue(lit);
      if (v === null) {
        // `col = null` is never true; `col <=> null` needs a null.
        if (o === "<=>") return r.nullCount === undefined || r.nullCount > 0;
        return false;
      }
      return rangeMayMatch(r, o, v);
    }
    case "is_null": {
      if (e.input.kind !== "column") return true;
      const r = lookup(e.input.name);
      if (r === undefined || r.nullCount === undefined) return true;
      return e.negated ? r.nullCount < r.rows : r.nullCount > 0;
    }
    case "in": {
      if (e.input.kind !== "column") return true;
      const r = lookup(e.input.name);
      if (r === undefined) return true;
      return e.list.some((x) => {
        if (x.kind !== "literal") return true;
        const v = literalValue(x);
        return v !== null && rangeMayMatch(r, "=", v);
      });
    }
    case "column": case "literal": case "not": case "negate": case "cast": case "case":
    case "call": case "alias": case "aggregate":
      return true;
  }
}
