import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilFromDays, daysFromCivil, isValidCivil } from "../../src/time/civil.js";

const DAY_MS = 86_400_000;

describe("civil calendar", () => {
  it("agrees with Date.UTC both ways (property)", () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: 3_000_000 }), (days) => {
      const d = new Date(days * DAY_MS);
      const out = new Int32Array(3);
      civilFromDays(days, out);
      expect([...out]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
      expect(daysFromCivil(out[0]!, out[1]!, out[2]!)).toBe(days);
    }));
  });

  it("knows the epoch, leap days and years before 1 AD", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2020, 10, 25)).toBe(18560);
    expect(daysFromCivil(0, 3, 1) - daysFromCivil(0, 2, 28)).toBe(2); // year 0 (1 BC) is a leap year
    expect(isValidCivil(2020, 2, 29)).toBe(true);
    expect(isValidCivil(1900, 2, 29)).toBe(false);
    expect(isValidCivil(2000, 2, 29)).toBe(true);
    expect(isValidCivil(2021, 4, 31)).toBe(false);
    expect(isValidCivil(2021, 13, 1)).toBe(false);
    expect(isValidCivil(2021, 1, 0)).toBe(false);
  });
});
