// Growable column builders: typed arrays that double when full, strings in a growing byte buffer.
import type { DataType } from "@lgde/core";
import { encodeUtf8, writeAscii, type Vec } from "./vector.js";

type Store = Int32Array | BigInt64Array | Float64Array | Uint8Array;

/** `a`, or a copy of it at least twice as long when it holds fewer than `need` elements. */
export function grow<T extends Store>(a: T, need: number): T {
  if (need <= a.length) return a;
  let cap = a.length * 2 || 16;
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a as never);
  return b;
}

/** Appends rows of one type and produces a Vec. Mutable; lives only inside an operator's stream. */
export class ColumnBuilder {
  length = 0;
  private values: Store;
  private valid: Uint8Array;
  private hasNull = false;
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private byteLength = 0;

  constructor(readonly type: DataType, capacity = 1024) {
    this.values = makeStore(type, type === "utf8" || type === "null" ? 0 : capacity);
    this.valid = new Uint8Array(capacity);
    this.offsets = new Int32Array(type === "utf8" ? capacity + 1 : 0);
    this.bytes = new Uint8Array(type === "utf8" ? capacity * 8 : 0);
  }

  private reserve(n: number): void {
    this.valid = grow(this.valid, n);
    if (this.type === "utf8") this.offsets = grow(this.offsets, n + 1);
    else if (this.type !== "null") this.values = grow(this.values, n);
  }

  appendNull(): void {
    const i = this.length;
    this.reserve(i + 1);
    this.valid[i] = 0;
    this.hasNull = true;
    if (this.type === "utf8") this.offsets[i + 1] = this.byteLength;
    this.length = i + 1;
  }

  /** Appends row `i` of `v`, which must have this builder's type (or be a NullVec). */
  appendFrom(v: Vec, i: number): void {
    if (v.type === "null" || (v.valid !== null && v.valid[i] === 0)) { this.appendNull(); return; }
    const j = this.length;
    this.reserve(j + 1);
    this.valid[j] = 1;
    if (v.type === "utf8") {
      const s = v.offsets[i]!, e = v.offsets[i + 1]!;
      this.appendBytes(v.bytes, s, e, j);
    } else {
      (this.values as Store)[j] = v.values[i] as never;
    }
    this.length = j + 1;
  }

  private appendBytes(src: Uint8Array, s: number, e: number, j: number): void {
    const n = e - s;
    this.bytes = grow(this.bytes, this.byteLength + n);
    this.bytes.set(src.subarray(s, e), this.byteLength);
    this.byteLength += n;
    this.offsets[j + 1] = this.byteLength;
  }

  /** Appends a string's UTF-8 bytes: ASCII is written directly (no encoder call, no array per row). */
  private appendString(x: string, j: number): void {
    this.bytes = grow(this.bytes, this.byteLength + x.length);
    const end = writeAscii(this.bytes, this.byteLength, x);
    if (end < 0) { const b = encodeUtf8(x); this.appendBytes(b, 0, b.length, j); return; }
    this.byteLength = end;
    this.offsets[j + 1] = end;
  }

  /** Appends a JS value of the builder's type: number/bigint for numbers, days for date, micros for timestamp. */
  appendValue(x: number | bigint | string | boolean | null): void {
    if (x === null) { this.appendNull(); return; }
    const j = this.length;
    this.reserve(j + 1);
    this.valid[j] = 1;
    switch (this.type) {
      case "utf8": this.appendString(String(x), j); break;
      case "int64": case "timestamp": (this.values as BigInt64Array)[j] = typeof x === "bigint" ? x : BigInt(Math.trunc(Number(x))); break;
      case "bool": (this.values as Uint8Array)[j] = x ? 1 : 0; break;
      case "null": this.valid[j] = 0; this.hasNull = true; break;
      case "int32": case "date": case "float64": (this.values as Int32Array | Float64Array)[j] = Number(x); break;
    }
    this.length = j + 1;
  }

  /** The built vector (the builder must not be used afterwards). */
  finish(): Vec {
    const n = this.length;
    const valid = this.hasNull ? this.valid.subarray(0, n) : null;
    switch (this.type) {
      case "int32": case "date": return { type: this.type, length: n, values: (this.values as Int32Array).subarray(0, n), valid };
      case "int64": case "timestamp": return { type: this.type, length: n, values: (this.values as BigInt64Array).subarray(0, n), valid };
      case "float64": return { type: "float64", length: n, values: (this.values as Float64Array).subarray(0, n), valid };
      case "bool": return { type: "bool", length: n, values: (this.values as Uint8Array).subarray(0, n), valid };
      case "utf8": {
        if (n === 0) return { type: "utf8", length: 0, offsets: new Int32Array(1), bytes: new Uint8Array(0), valid: null };
        return { type: "utf8", length: n, offsets: this.offsets.subarray(0, n + 1), bytes: this.bytes.subarray(0, this.byteLength), valid };
      }
      case "null": return { type: "null", length: n, valid: new Uint8Array(n) };
    }
  }
}

function makeStore(type: DataType, n: number): Store {
  switch (type) {
    case "int32": case "date": return new Int32Array(n);
    case "int64": case "timestamp": return new BigInt64Array(n);
    case "float64": return new Float64Array(n);
    case "bool": case "utf8": case "null": return new Uint8Array(n);
  }
}

/** A growable Int32Array (row indices, group ids). */
export class IntList {
  length = 0;
  data: Int32Array;
  constructor(capacity = 1024) { this.data = new Int32Array(capacity); }
  push(x: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = x;
  }
  view(): Int32Array { return this.data.subarray(0, this.length); }
  clear(): void { this.length = 0; }
  /** Room for `more` elements past the length, so that a loop can write `data` directly; returns `data`. */
  reserve(more: number): Int32Array {
    if (this.length + more > this.data.length) this.data = grow(this.data, this.length + more);
    return this.data;
  }
}
