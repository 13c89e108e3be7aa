// String functions over UTF-8 vectors: lower, upper, trim, length, substring, concat.
import { ColumnBuilder } from "../../kernels/builder.js";
import { andValid, decodeUtf8, encodeUtf8, type StrVec, type Vec } from "../../kernels/vector.js";
import type { CallArgs } from "./kernel.js";

function isAscii(v: StrVec): boolean {
  const b = v.bytes;
  for (let i = v.offsets[0]!, e = v.offsets[v.length]!; i < e; i++) if (b[i]! >= 0x80) return false;
  return true;
}

function mapStrings(v: StrVec, fn: (s: string) => string): StrVec {
  const b = new ColumnBuilder("utf8", v.length);
  for (let i = 0; i < v.length; i++) {
    if (v.valid !== null && v.valid[i] === 0) b.appendNull();
    else b.appendValue(fn(decodeUtf8(v.bytes, v.offsets[i]!, v.offsets[i + 1]!)));
  }
  return b.finish() as StrVec;
}

function caseAscii(v: StrVec, from: number, to: number, delta: number): StrVec {
  const s = v.offsets[0]!, e = v.offsets[v.length]!;
  const bytes = v.bytes.slice(s, e);
  for (let i = 0; i < bytes.length; i++) { const c = bytes[i]!; if (c >= from && c <= to) bytes[i] = c + delta; }
  const offsets = s === 0 ? v.offsets : v.offsets.map((o) => o - s);
  return { type: "utf8", length: v.length, offsets, bytes, valid: v.valid };
}

export function lower({ args }: CallArgs): Vec {
  const v = args[0] as StrVec;
  return isAscii(v) ? caseAscii(v, 65, 90, 32) : mapStrings(v, (s) => s.toLowerCase());
}

export function upper({ args }: CallArgs): Vec {
  const v = args[0] as StrVec;
  return isAscii(v) ? caseAscii(v, 97, 122, -32) : mapStrings(v, (s) => s.toUpperCase());
}

/** Spark's trim removes leading and trailing spaces (U+0020 only). */
export function trim({ args }: CallArgs): Vec {
  const v = args[0] as StrVec;
  const b = new ColumnBuilder("utf8", v.length);
  const one: StrVec = { type: "utf8", length: 1, offsets: new Int32Array(2), bytes: v.bytes, valid: null };
  for (let i = 0; i < v.length; i++) {
    if (v.valid !== null && v.valid[i] === 0) { b.appendNull(); continue; }
    let s = v.offsets[i]!, e = v.offsets[i + 1]!;
    while (s < e && v.bytes[s] === 32) s++;
    while (e > s && v.bytes[e - 1] === 32) e--;
    one.offsets[0] = s; one.offsets[1] = e;
    b.appendFrom(one, 0);
  }
  return b.finish();
}

/** Number of characters (code points). */
export function length({ args }: CallArgs): Vec {
  const v = args[0] as StrVec;
  const out = new Int32Array(v.length);
  const b = v.bytes;
  for (let i = 0; i < v.length; i++) {
    let n = 0;
    for (let k = v.offsets[i]!, e = v.offsets[i + 1]!; k < e; k++) if ((b[k]! & 0xc0) !== 0x80) n++;
    out[i] = n;
  }
  return { type: "int32", length: v.length, values: out, valid: v.valid };
}

/** Spark's substring(s, pos, len): 1-based, 0 acts as 1, negative counts from the end. */
export function substring({ args, length: n }: CallArgs): Vec {
  const v = args[0] as StrVec, pos = args[1]!, len = args[2]!;
  const valid = andValid(andValid(v.valid, pos.valid, n), len.valid, n);
  const b = new ColumnBuilder("utf8", n);
  const pv = pos.type === "int32" ? pos.values : new Int32Array(n), lv = len.type === "int32" ? len.values : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) { b.appendNull(); continue; }
    const chars = Array.from(decodeUtf8(v.bytes, v.offsets[i]!, v.offsets[i + 1]!));
    const p = pv[i]!, l = lv[i]!;
    let start = p > 0 ? p - 1 : p < 0 ? chars.length + p : 0;
    const end = Math.min(start + l, chars.length);
    start = Math.max(start, 0);
    b.appendValue(start >= end ? "" : chars.slice(start, end).join(""));
  }
  return b.finish();
}

/** concat(a, b, ...): null if any argument is null. */
export function concat({ args, length: n }: CallArgs): Vec {
  let valid: Uint8Array | null = null;
  for (const a of args) valid = andValid(valid, a.valid, n);
  const strs = args as readonly StrVec[];
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (valid === null || valid[i] === 1) for (const s of strs) total += s.offsets[i + 1]! - s.offsets[i]!;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    let p = offsets[i]!;
    for (const s of strs) { const a = s.offsets[i]!, e = s.offsets[i + 1]!; bytes.set(s.bytes.subarray(a, e), p); p += e - a; }
  }
  return { type: "utf8", length: n, offsets, bytes, valid };
}

export { encodeUtf8 };
