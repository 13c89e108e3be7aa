// int64 columns from doubles without a BigInt per value: counts and integral sums are kept as
// exact doubles, and `BigInt(x)` per group dominated finishing a 1M-group aggregate.

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const TWO32 = 4294967296;

/** `BigInt64Array` of xs[0..n), each a safe integer (|x| ≤ 2^53 - 1), written as two 32-bit words. */
export function int64FromSafeIntegers(xs: Float64Array, n: number): BigInt64Array {
  const out = new BigInt64Array(n);
  if (!LITTLE_ENDIAN) { for (let i = 0; i < n; i++) out[i] = BigInt(xs[i]!); return out; }
  const words = new Uint32Array(out.buffer, out.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const hi = Math.floor(x / TWO32); // two's complement: the high word of a negative x is negative
    words[2 * i] = x - hi * TWO32;
    words[2 * i + 1] = hi >>> 0;
  }
  return out;
}

/** Doubles of int64 values that are all within the safe integer range, else null. */
export function safeIntegersFromInt64(xs: BigInt64Array, n: number): Float64Array | null {
  const out = new Float64Array(n);
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < n; i++) { const x = xs[i]!; if (x > 9007199254740991n || x < -9007199254740991n) return null; out[i] = Number(x); }
    return out;
  }
  const words = new Int32Array(xs.buffer, xs.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    if (hi > 0x1fffff || hi < -0x200000) return null; // |x| ≥ 2^53 (conservative at -2^53 exactly)
    out[i] = hi * TWO32 + (words[2 * i]! >>> 0);
  }
  return out;
}
