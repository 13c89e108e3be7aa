import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateToDays, daysToDate, microsToWallClock, wallClockToMicros } from "../../src/mysql/time.js";

describe("MySQL DATETIME/DATE text", () => {
  it("reads and writes wall clocks in the zone", () => {
    expect(wallClockToMicros("2020-10-25 03:46:40", "Asia/Seoul")).toBe(1_603_565_200_000_000n);
    expect(wallClockToMicros("2020-10-25 03:46:40.5", "UTC")).toBe(1_603_597_600_500_000n);
    expect(wallClockToMicros("2020-10-25", "UTC")).toBe(1_603_584_000_000_000n);
    expect(microsToWallClock(1_603_597_600_500_000n, "UTC")).toBe("2020-10-25 03:46:40.500000");
    expect(microsToWallClock(-1n, "+09:00")).toBe("1970-01-01 08:59:59.999999");
    expect(microsToWallClock(253_402_300_799_999_999n, "UTC")).toBe("9999-12-31 23:59:59.999999");
    expect(dateToDays("2020-10-25")).toBe(18560);
    expect(daysToDate(18560)).toBe("2020-10-25");
    expect(daysToDate(-719162)).toBe("0001-01-01");
  });

  it("maps MySQL's zero date to null and names unparsable text", () => {
    expect(wallClockToMicros("0000-00-00 00:00:00", "UTC")).toBeNull();
    expect(dateToDays("0000-00-00")).toBeNull();
    expect(() => wallClockToMicros("25/10/2020", "UTC")).toThrow(/unparsable MySQL date\/time "25\/10\/2020"/);
  });

  it("resolves DST gaps and overlaps as Spark (java.time) does", () => {
    // 02:30 does not exist on 2021-03-14 in New York (03:30 EDT); 01:30 on 2021-11-07 is the earlier, EDT one.
    expect(microsToWallClock(wallClockToMicros("2021-03-14 02:30:00", "America/New_York")!, "America/New_York")).toBe("2021-03-14 03:30:00.000000");
    expect(wallClockToMicros("2021-11-07 01:30:00", "America/New_York")).toBe(BigInt(Date.parse("2021-11-07T05:30:00Z")) * 1000n);
  });

  it("round-trips every instant (property)", () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 55n), max: 2n ** 58n }), fc.constantFrom("UTC", "Asia/Seoul", "Europe/Berlin"), (us, zone) => {
      const text = microsToWallClock(us, zone);
      const back = wallClockToMicros(text, zone)!;
      // Only an overlap's later instant comes back as the earlier one, with the same text.
      if (back !== us) expect(microsToWallClock(back, zone)).toBe(text);
    }));
  });
});
