import { describe, expect, it } from "vitest";
import { ensure } from "../../src/aggregates/accumulator.js";
import { prefaulted } from "../../src/kernels/prefault.js";

describe("prefaulted (fresh tables written through before random probes)", () => {
  it("zeroes the elements from `from` on and leaves the ones before it, for every table type and size", () => {
    for (const n of [10, 100_000]) {
      const tables = [new Int32Array(n), new Uint32Array(n), new Float64Array(n), new Uint8Array(n)];
      for (const a of tables) {
        a.fill(7);
        expect(prefaulted(a, n >> 1)).toBe(a);
        // Small tables are left alone (they fault lazily); large ones are zeroed from `from`.
        expect(a[0]).toBe(7);
        expect(a[(n >> 1) - 1]).toBe(7);
        expect(a[n >> 1]).toBe(n * a.BYTES_PER_ELEMENT - (n >> 1) * a.BYTES_PER_ELEMENT >= 65536 ? 0 : 7);
        expect(a[n - 1]).toBe(a[n >> 1]);
      }
      const big = new BigInt64Array(n).fill(7n);
      prefaulted(big, 1);
      expect(big[0]).toBe(7n);
      expect(big[n - 1]).toBe((n - 1) * 8 >= 65536 ? 0n : 7n);
    }
  });

  it("keeps a grown state's values (ensure writes the new part through, then copies the old in)", () => {
    const a = new Float64Array(20_000).map((_, i) => i + 0.5);
    const b = ensure(a, 50_000);
    expect(b.length).toBeGreaterThanOrEqual(50_000);
    for (let i = 0; i < a.length; i++) if (b[i] !== a[i]) throw new Error(`value ${i} lost: ${b[i]}`);
  });
});
