// A record batch as JSON lines, written straight into UTF-8 bytes row by row from the Arrow buffers:
// integers as digits, strings copied from their UTF-8 bytes (escaped where JSON must), no string per
// value. Reading cell by cell (a closure and Arrow's `get()` per value, a TextDecoder call per string,
// a string per field and per line) cost most of a write, and most of that was garbage collection.
import { isUtf8 } from "node:buffer";
import * as arrow from "apache-arrow";
import type { DataType, Schema } from "@lgde/core";
import type { Cell } from "../arrow/builder.js";
import { cellReader } from "../arrow/cells.js";
import { cellText } from "../text/format-cell.js";

const TWO32 = 4294967296;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEX = "0123456789abcdef";
const QUOTE = 0x22, BACKSLASH = 0x5c;
/** JSON's short escapes of control bytes (\b \t \n \f \r); the others are written \u00XX. */
const SHORT_ESCAPES: { readonly [b: number]: number } = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 };

/** A growing byte buffer. */
class Bytes {
  buf: Uint8Array;
  len = 0;
  constructor(capacity: number) { this.buf = new Uint8Array(Math.max(64, capacity)); }

  /** Makes room for `k` more bytes. */
  room(k: number): void {
    if (this.len + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + k));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void { this.room(1); this.buf[this.len++] = b; }

  bytes(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.len); this.len += b.length; }

  /** Text of ASCII characters (numbers, ISO times). */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    this.room(3 * s.length);
    this.len += encoder.encodeInto(s, this.buf.subarray(this.len)).written;
  }

  /** A safe integer in decimal. */
  integer(x: number): void {
    this.room(17);
    const buf = this.buf;
    if (x < 0) { buf[this.len++] = 0x2d; x = -x; }
    if (x < 10) { buf[this.len++] = 0x30 + x; return; }
    let digits = 0;
    for (let y = x; y >= 1; y = Math.floor(y / 10)) digits++;
    let at = this.len + digits;
    this.len = at;
    while (x >= 1) { const q = Math.floor(x / 10); buf[--at] = 0x30 + (x - q * 10); x = q; }
  }

  /** UTF-8 bytes [from, to) of `src` as the inside of a JSON string, escaped where JSON requires. */
  escaped(src: Uint8Array, from: number, to: number): void {
    this.room(6 * (to - from));
    const buf = this.buf;
    let at = this.len;
    for (let i = from; i < to; i++) {
      const b = src[i]!;
      if (b >= 0x20 && b !== QUOTE && b !== BACKSLASH) { buf[at++] = b; continue; }
      buf[at++] = BACKSLASH;
      const short = b === QUOTE || b === BACKSLASH ? b : SHORT_ESCAPES[b];
      if (short !== undefined) { buf[at++] = short; continue; }
      buf[at++] = 0x75; buf[at++] = 0x30; buf[at++] = 0x30;
      buf[at++] = HEX.charCodeAt(b >> 4); buf[at++] = HEX.charCodeAt(b & 15);
    }
    this.len = at;
  }
}

/** Whether row i of `d` holds a value (Arrow's validity bitmap counts from the data's offset). */
function validity(d: arrow.Data): (i: number) => boolean {
  const bits = d.nullBitmap, off = d.offset;
  if (d.nullCount === 0 || bits === undefined || bits.length === 0) return () => true;
  return (i) => ((bits[(off + i) >> 3]! >> ((off + i) & 7)) & 1) === 1;
}

/** Writes row i's value (known valid) of one column. */
type ValueWriter = (out: Bytes, i: number) => void;

/** Whether `d` is laid out as the engine writes `type` (the buffers the fast writers read). */
function standardLayout(d: arrow.Data, type: DataType): boolean {
  const t = d.type;
  switch (type) {
    case "int32": return arrow.DataType.isInt(t) && t.bitWidth === 32 && d.values instanceof Int32Array;
    case "int64": return arrow.DataType.isInt(t) && t.bitWidth === 64 && d.values instanceof BigInt64Array;
    case "float64": return arrow.DataType.isFloat(t) && d.values instanceof Float64Array;
    case "utf8": return arrow.DataType.isUtf8(t) && d.valueOffsets instanceof Int32Array && d.values instanceof Uint8Array;
    case "bool": return arrow.DataType.isBool(t);
    case "timestamp": return arrow.DataType.isTimestamp(t) && d.values instanceof BigInt64Array;
    case "date": return arrow.DataType.isDate(t) && d.values instanceof Int32Array;
    case "null": return true;
  }
}

/** The JSON text of a non-null cell of `type`, as Spark writes it. */
function jsonText(v: Exclude<Cell, null>, type: DataType, zone: string): string {
  switch (type) {
    case "utf8": return JSON.stringify(v);
    case "float64": return Number.isFinite(Number(v)) ? cellText(v, type, zone) : JSON.stringify(String(v));
    case "timestamp": case "date": return JSON.stringify(cellText(v, type, zone));
    case "int32": case "int64": case "bool": case "null": return cellText(v, type, zone);
  }
}

/** Any other layout (a dictionary-encoded column, say) goes through Arrow's own reading, value by value. */
function genericWriter(d: arrow.Data, type: DataType, zone: string): ValueWriter {
  const read = cellReader(arrow.makeVector(d), type);
  return (out, i) => out.text(jsonText(read(i)!, type, zone));
}

function valueWriter(d: arrow.Data, type: DataType, n: number, zone: string): ValueWriter {
  if (!standardLayout(d, type)) return genericWriter(d, type, zone);
  switch (type) {
    case "int32": {
      const a = d.values as Int32Array;
      return (out, i) => out.integer(a[i]!);
    }
    case "int64": {
      // Word by word: a BigInt per value only past 2^53.
      const a = d.values as BigInt64Array, w = new Int32Array(a.buffer, a.byteOffset, 2 * n);
      return (out, i) => {
        const hi = w[2 * i + 1]!;
        if (hi <= 0x1fffff && hi >= -0x200000) out.integer(hi * TWO32 + (w[2 * i]! >>> 0));
        else out.ascii(`${a[i]!}`);
      };
    }
    case "utf8": {
      const offsets = d.valueOffsets as Int32Array, bytes = d.values as Uint8Array;
      if (isUtf8(bytes.subarray(offsets[0]!, offsets[n]!))) {
        // Valid UTF-8 is valid inside a JSON string as it is, once quotes, backslashes and controls are escaped.
        return (out, i) => { out.byte(QUOTE); out.escaped(bytes, offsets[i]!, offsets[i + 1]!); out.byte(QUOTE); };
      }
      // Invalid bytes are read as U+FFFD, as a string decoded from them would hold.
      return (out, i) => out.text(JSON.stringify(decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!))));
    }
    case "bool": {
      const bits = d.values as Uint8Array, off = d.offset;
      return (out, i) => out.ascii(((bits[(off + i) >> 3]! >> ((off + i) & 7)) & 1) === 1 ? "true" : "false");
    }
    case "float64": {
      const a = d.values as Float64Array;
      return (out, i) => out.ascii(jsonText(a[i]!, "float64", zone));
    }
    case "timestamp": {
      const a = d.values as BigInt64Array;
      return (out, i) => out.text(jsonText(a[i]!, "timestamp", zone));
    }
    case "date": {
      const a = d.values as Int32Array;
      return (out, i) => out.text(jsonText(a[i]!, "date", zone));
    }
    case "null":
      return () => {};
  }
}

/**
 * The batch as JSON lines in UTF-8 (each line ending in a newline): an object per row, fields in schema
 * order, a null left out unless `ignoreNulls` is false. Values are written as Spark writes them:
 * doubles keep a fraction (`1.0`), non-finite doubles as strings, timestamps ISO in `zone`, dates
 * `yyyy-MM-dd`.
 */
export function jsonLines(batch: arrow.RecordBatch, dataSchema: Schema, ignoreNulls: boolean, zone: string): Uint8Array {
  const n = batch.numRows;
  const fields = dataSchema.fields;
  const keys = fields.map((f) => encoder.encode(`${JSON.stringify(f.name)}:`));
  const nullText = encoder.encode("null");
  const columns = fields.map((f, c) => {
    const d = batch.data.children[c]!;
    return { valid: f.type === "null" ? () => false : validity(d), write: valueWriter(d, f.type, n, zone) };
  });
  const out = new Bytes(n * (2 + keys.reduce((a, k) => a + k.length + 8, 0)));
  for (let r = 0; r < n; r++) {
    out.byte(0x7b);
    let first = true;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const has = col.valid(r);
      if (!has && ignoreNulls) continue;
      if (!first) out.byte(0x2c);
      first = false;
      out.bytes(keys[c]!);
      if (has) col.write(out, r);
      else out.bytes(nullText);
    }
    out.byte(0x7d);
    out.byte(0x0a);
  }
  return out.buf.subarray(0, out.len);
}
