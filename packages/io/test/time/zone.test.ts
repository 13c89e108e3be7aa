import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatDate, formatTimestamp, parseDate, parseTimestamp } from "../../src/time/zone.js";

describe("time zone text", () => {
  it("renders Spark's ISO form in the zone", () => {
    expect(formatTimestamp(1603565200000000n, "Asia/Seoul")).toBe("2020-10-25T03:46:40.000+09:00");
    expect(formatTimestamp(1603565200123000n, "UTC")).toBe("2020-10-24T18:46:40.123Z");
    expect(formatTimestamp(-1000n, "UTC")).toBe("1969-12-31T23:59:59.999Z");
    expect(formatDate(18560)).toBe("2020-10-25");
  });

  it("parses what it renders, in any zone (property)", () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n }), fc.constantFrom("UTC", "Asia/Seoul", "America/New_York"), (us, zone) => {
      const ms = us - (((us % 1000n) + 1000n) % 1000n);
      expect(parseTimestamp(formatTimestamp(ms, zone), zone)).toBe(ms);
    }));
    expect(parseTimestamp("2020-10-25 03:46:40", "Asia/Seoul")).toBe(1603565200000000n);
    expect(parseDate("2020-02-30")).toBeNull();
    expect(parseTimestamp("2020-02-30 00:00:00", "UTC")).toBeNull();
    expect(parseTimestamp("2020-02-29 00:00:00", "UTC")).toBe(1582934400000000n);
    expect(parseDate("2020-10-25")).toBe(18560);
  });
});
