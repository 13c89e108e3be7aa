// The executor's in-memory column: typed arrays plus a byte-per-row validity mask, converted
// to and from Arrow Data at operator boundaries (numeric buffers are shared, not copied).
import type { DataType } from "@lgde/core";

/** int32 and date (days since epoch). */
export interface I32Vec { readonly type: "int32" | "date"; readonly length: number; readonly values: Int32Array; readonly valid: Uint8Array | null }
/** int64 and timestamp (microseconds since epoch). */
export interface I64Vec { readonly type: "int64" | "timestamp"; readonly length: number; readonly values: BigInt64Array; readonly valid: Uint8Array | null }
export interface F64Vec { readonly type: "float64"; readonly length: number; readonly values: Float64Array; readonly valid: Uint8Array | null }
/** Booleans as one byte per row (0 or 1). */
export interface BoolVec { readonly type: "bool"; readonly length: number; readonly values: Uint8Array; readonly valid: Uint8Array | null }
/** UTF-8 strings: row i is bytes[offsets[i] .. offsets[i+1]) (offsets[0] may be non-zero). */
export interface StrVec { readonly type: "utf8"; readonly length: number; readonly offsets: Int32Array; readonly bytes: Uint8Array; readonly valid: Uint8Array | null }
/** Spark's `void`: every row is null. */
export interface NullVec { readonly type: "null"; readonly length: number; readonly valid: Uint8Array }

/**
 * A column of one logical type. `valid` is null when every row is valid, else one byte per row
 * (1 = valid). A byte mask rather than a bitmap keeps the kernels branch-light and simple.
 */
export type Vec = I32Vec | I64Vec | F64Vec | BoolVec | StrVec | NullVec;

/** Rows in the executor: one vector per column, all of `length` rows. */
export interface Chunk {
  readonly columns: readonly Vec[];
  readonly length: number;
}

export function isValid(v: Vec, i: number): boolean {
  return v.valid === null || v.valid[i] === 1;
}

export function nullVec(length: number): NullVec {
  return { type: "null", length, valid: new Uint8Array(length) };
}

/** A vector of `length` nulls of any type. */
export function allNull(type: DataType, length: number): Vec {
  const valid = new Uint8Array(length);
  switch (type) {
    case "int32": case "date": return { type, length, values: new Int32Array(length), valid };
    case "int64": case "timestamp": return { type, length, values: new BigInt64Array(length), valid };
    case "float64": return { type, length, values: new Float64Array(length), valid };
    case "bool": return { type, length, values: new Uint8Array(length), valid };
    case "utf8": return { type, length, offsets: new Int32Array(length + 1), bytes: new Uint8Array(0), valid };
    case "null": return { type, length, valid };
  }
}

/** The number of null rows. */
export function nullCount(v: Vec): number {
  if (v.valid === null) return 0;
  let n = 0;
  const valid = v.valid;
  for (let i = 0; i < v.length; i++) n += valid[i]!;
  return v.length - n;
}

/** Drops an all-ones validity mask so that kernels take their no-null fast paths. */
export function normalizeValid(valid: Uint8Array | null, length: number): Uint8Array | null {
  if (valid === null) return null;
  for (let i = 0; i < length; i++) if (valid[i] === 0) return valid;
  return null;
}

/** The same vector with another validity mask (values are shared). */
export function withValid<V extends Vec>(v: V, valid: Uint8Array | null): V {
  if (v.type === "null") return v;
  return { ...v, valid };
}

/** Combines two validity masks (row valid when both are). */
export function andValid(a: Uint8Array | null, b: Uint8Array | null, length: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Decodes bytes[start, end) as UTF-8, with a fast path for short ASCII. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 24) {
    let s = "";
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}

/** Writes `s` at bytes[at..] when it is ASCII (room for s.length bytes reserved): the end, or -1 at its first other char. */
export function writeAscii(bytes: Uint8Array, at: number, s: string): number {
  let p = at;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x80) return -1;
    bytes[p++] = c;
  }
  return p;
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Row i of a string vector (ignores validity). */
export function strAt(v: StrVec, i: number): string {
  return decodeUtf8(v.bytes, v.offsets[i]!, v.offsets[i + 1]!);
}

/** Builds a string vector from JS strings (null → null row). */
export function strVecFrom(values: readonly (string | null)[]): StrVec {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  let valid: Uint8Array | null = null;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < length; i++) {
    const s = values[i];
    if (s === null || s === undefined) {
      valid ??= new Uint8Array(length).fill(1);
      valid[i] = 0;
    } else {
      const b = encoder.encode(s);
      parts.push(b);
      total += b.length;
    }
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  let p = 0;
  for (const b of parts) { bytes.set(b, p); p += b.length; }
  return { type: "utf8", length, offsets, bytes, valid };
}

/** Compares two byte ranges lexicographically (UTF-8 byte order equals code point order, as in Spark). */
export function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const la = ae - as, lb = be - bs;
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const d = a[as + i]! - b[bs + i]!;
    if (d !== 0) return d;
  }
  return la - lb;
}
