// A minimal Thrift compact-protocol reader: enough to decode a Parquet footer into nested maps.

/** A decoded Thrift value: structs are maps from field id. */
export type ThriftValue = boolean | number | bigint | Uint8Array | ThriftValue[] | ThriftStruct;
export type ThriftStruct = Map<number, ThriftValue>;

export class CompactReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  private byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError("thrift: unexpected end of data");
    return this.buf[this.pos++]!;
  }

  private varint(): bigint {
    let result = 0n, shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new RangeError("thrift: varint too long");
    }
  }

  private zigzag(): bigint {
    const n = this.varint();
    return (n >> 1n) ^ -(n & 1n);
  }

  private value(type: number): ThriftValue {
    switch (type) {
      case 1: return true;
      case 2: return false;
      case 3: { const b = this.byte(); return b > 127 ? b - 256 : b; }
      case 4: case 5: return Number(this.zigzag());
      case 6: return this.zigzag();
      case 7: {
        const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
        this.pos += 8;
        return v;
      }
      case 8: {
        const n = Number(this.varint());
        if (this.pos + n > this.buf.length) throw new RangeError("thrift: binary beyond end of data");
        const v = this.buf.subarray(this.pos, this.pos + n);
        this.pos += n;
        return v;
      }
      case 9: case 10: {
        const h = this.byte();
        let size = h >> 4;
        const et = h & 0x0f;
        if (size === 15) size = Number(this.varint());
        const out: ThriftValue[] = [];
        for (let i = 0; i < size; i++) out.push(et === 1 || et === 2 ? this.byte() === 1 : this.value(et));
        return out;
      }
      case 11: {
        const size = Number(this.varint());
        const out: ThriftValue[] = [];
        if (size > 0) {
          const kv = this.byte();
          for (let i = 0; i < size; i++) out.push([this.value(kv >> 4), this.value(kv & 0x0f)]);
        }
        return out;
      }
      case 12: return this.struct();
      default: throw new RangeError(`thrift: unknown type ${type}`);
    }
  }

  /** Reads one struct. */
  struct(): ThriftStruct {
    const out: ThriftStruct = new Map();
    let last = 0;
    for (;;) {
      const h = this.byte();
      if (h === 0) return out;
      const type = h & 0x0f;
      const delta = h >> 4;
      const id = delta === 0 ? Number(this.zigzag()) : last + delta;
      last = id;
      out.set(id, this.value(type));
    }
  }
}
