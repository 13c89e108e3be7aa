// A string column of formatted wall-clock times, written as bytes: from_unixtime and date_format
// over a million rows spent most of their time building, padding and re-encoding JS strings.
import type { WallSink } from "@lgde/core";
import { grow } from "./builder.js";
import { encodeUtf8, writeAscii, type StrVec } from "./vector.js";

/** Rows of formatted times (`formatWallTo` into it, then `endRow`), or nulls; exactly `length` rows. */
export class WallTextColumn implements WallSink {
  private bytes: Uint8Array;
  private byteLength = 0;
  private row = 0;
  private readonly offsets: Int32Array;
  private readonly valid: Uint8Array;
  private hasNull = false;

  constructor(readonly length: number) {
    this.offsets = new Int32Array(length + 1);
    this.valid = new Uint8Array(length);
    this.bytes = new Uint8Array(Math.max(64, length * 20));
  }

  text(s: string): void {
    this.bytes = grow(this.bytes, this.byteLength + s.length);
    const end = writeAscii(this.bytes, this.byteLength, s);
    if (end >= 0) { this.byteLength = end; return; }
    const encoded = encodeUtf8(s);
    this.bytes = grow(this.bytes, this.byteLength + encoded.length);
    this.bytes.set(encoded, this.byteLength);
    this.byteLength += encoded.length;
  }

  number(n: number, width: number): void {
    let v = Math.abs(n), digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    const bytes = (this.bytes = grow(this.bytes, this.byteLength + 1 + Math.max(width, digits)));
    let p = this.byteLength;
    if (n < 0) bytes[p++] = 45; // "-"
    for (let k = digits; k < width; k++) bytes[p++] = 48; // "0"
    for (let k = p + digits - 1; k >= p; k--) { bytes[k] = 48 + (v % 10); v = Math.floor(v / 10); }
    this.byteLength = p + digits;
  }

  /** Ends the row whose pieces were just written. */
  endRow(): void {
    this.valid[this.row] = 1;
    this.offsets[++this.row] = this.byteLength;
  }

  appendNull(): void {
    this.hasNull = true;
    this.offsets[++this.row] = this.byteLength;
  }

  finish(): StrVec {
    if (this.row !== this.length) throw new Error(`internal: ${this.row} of ${this.length} formatted rows written`);
    return { type: "utf8", length: this.length, offsets: this.offsets, bytes: this.bytes.subarray(0, this.byteLength), valid: this.hasNull ? this.valid : null };
  }
}
