import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateText, fromWall, fromWallExact, timestampText, toLocalDays, toWall, toWallExact } from "../../src/time/convert.js";
import { zoneOf } from "../../src/time/zone.js";

const ZONES = ["UTC", "Asia/Seoul", "America/New_York", "Europe/Berlin"];
/** Instants (µs) from 1900 to 2100, where numbers are exact. */
const instant = fc.integer({ min: -2_208_988_800_000_000, max: 4_102_444_800_000_000 });

describe("instants and wall clocks", () => {
  it("prints as Intl does, to the second (property)", () => {
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (us, zone) => {
      const whole = Math.floor(us / 1_000_000) * 1_000_000;
      const intl = new Date(whole / 1000).toLocaleString("sv-SE", { timeZone: zone });
      expect(timestampText(whole, zoneOf(zone))).toBe(intl);
    }));
  });

  it("trims the fraction, and is exact for negatives", () => {
    const z = zoneOf("UTC");
    expect(timestampText(1_603_584_000_123_000, z)).toBe("2020-10-25 00:00:00.123");
    expect(timestampText(1_603_584_000_000_001, z)).toBe("2020-10-25 00:00:00.000001");
    expect(timestampText(-1, z)).toBe("1969-12-31 23:59:59.999999");
    expect(timestampText(1_603_584_000_000_000, zoneOf("Asia/Seoul"))).toBe("2020-10-25 09:00:00");
    expect(dateText(18560)).toBe("2020-10-25");
    expect(dateText(-719529)).toBe("-0001-12-31");
  });

  it("round-trips through the wall clock; days agree (property)", () => {
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (us, name) => {
      const z = zoneOf(name);
      const w = toWall(us, z);
      expect(toLocalDays(us, z)).toBe(w.days);
      expect(w.microsOfDay).toBeGreaterThanOrEqual(0);
      expect(w.microsOfDay).toBeLessThan(86_400_000_000);
      const back = fromWall(w.days, w.microsOfDay, z);
      // Only in an overlap may it come back as the earlier instant with the same wall time.
      if (back !== us) expect(toWall(back, z)).toEqual(w);
    }));
  });

  it("the exact (bigint) forms agree with the number forms where numbers are exact (property)", () => {
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (us, name) => {
      const z = zoneOf(name);
      const w = toWallExact(BigInt(us), z);
      expect(w).toEqual(toWall(us, z));
      expect(fromWallExact(w.days, w.microsOfDay, z)).toBe(BigInt(fromWall(w.days, w.microsOfDay, z)));
    }));
  });

  it("the exact forms keep every microsecond beyond 2^53", () => {
    const us = 253_402_300_799_999_999n; // 9999-12-31 23:59:59.999999 UTC
    const w = toWallExact(us, zoneOf("UTC"));
    expect(w.microsOfDay).toBe(86_399_999_999);
    expect(fromWallExact(w.days, w.microsOfDay, zoneOf("UTC"))).toBe(us);
    expect(fromWallExact(w.days, w.microsOfDay, zoneOf("Asia/Seoul"))).toBe(us - 9n * 3_600_000_000n);
  });
});
