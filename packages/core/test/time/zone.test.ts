import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zoneOf } from "../../src/time/zone.js";

const HOUR = 3_600_000;
const utc = (s: string): number => Date.parse(s);

/** Offset in ms by an independent route: Intl's wall text read back as if UTC. */
function intlOffset(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const text = new Date(whole).toLocaleString("sv-SE", { timeZone: zone }); // "2020-10-25 09:00:00"
  return Date.parse(text.replace(" ", "T") + "Z") - whole;
}

describe("zoneOf", () => {
  it("matches Intl's offsets in zones with DST and half-hour offsets (property)", () => {
    const zones = ["UTC", "Asia/Seoul", "America/New_York", "Europe/Berlin", "Australia/Adelaide", "Asia/Kathmandu"];
    fc.assert(fc.property(fc.integer({ min: utc("1971-01-01"), max: utc("2037-12-31") }), fc.constantFrom(...zones), (ms, zone) => {
      expect(zoneOf(zone).offsetAt(ms)).toBe(intlOffset(zone, ms));
    }));
  });

  it("reads UTC names and fixed offsets without Intl, and names an unknown zone", () => {
    expect(zoneOf("UTC").offsetAt(0)).toBe(0);
    expect(zoneOf("GMT").toUtc(123)).toBe(123);
    expect(zoneOf("+09:00").offsetAt(0)).toBe(9 * HOUR);
    expect(zoneOf("UTC-05:30").toUtc(0)).toBe(5.5 * HOUR);
    expect(zoneOf("Asia/Seoul")).toBe(zoneOf("Asia/Seoul"));
    expect(() => zoneOf("Mars/Base")).toThrow(/unknown time zone "Mars\/Base"/);
  });

  it("resolves wall times in DST gaps and overlaps as java.time does", () => {
    const ny = zoneOf("America/New_York");
    // 2021-03-14 02:30 does not exist in New York: it moves forward by the gap, to 03:30 EDT.
    expect(ny.toUtc(utc("2021-03-14T02:30:00Z"))).toBe(utc("2021-03-14T07:30:00Z"));
    // 2021-11-07 01:30 happens twice: the earlier offset (EDT) wins.
    expect(ny.toUtc(utc("2021-11-07T01:30:00Z"))).toBe(utc("2021-11-07T05:30:00Z"));
    const berlin = zoneOf("Europe/Berlin");
    expect(berlin.toUtc(utc("2021-03-28T02:30:00Z"))).toBe(utc("2021-03-28T01:30:00Z"));
    expect(berlin.toUtc(utc("2021-10-31T02:30:00Z"))).toBe(utc("2021-10-31T00:30:00Z"));
  });

  it("toUtc inverts offsetAt outside transitions (property)", () => {
    fc.assert(fc.property(fc.integer({ min: utc("1971-01-01"), max: utc("2037-12-31") }), fc.constantFrom("Asia/Seoul", "America/New_York", "Europe/Berlin"), (ms, name) => {
      const z = zoneOf(name);
      const wall = ms + z.offsetAt(ms);
      const back = z.toUtc(wall);
      // In an overlap the earlier of the two instants is chosen; it shows the same wall time.
      expect(back + z.offsetAt(back)).toBe(wall);
      expect(back).toBeLessThanOrEqual(ms);
    }));
  });
});
