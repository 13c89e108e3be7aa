// Day-name arithmetic.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, checkDay, daysBetween, isoDay } from "../src/index.js";

describe("dates", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("20201031", 1)).toBe("20201101");
    expect(addDays("20201231", 1)).toBe("20210101");
    expect(addDays("20200301", -1)).toBe("20200229");
    expect(isoDay("20201025")).toBe("2020-10-25");
    expect(daysBetween("20201030", "20201102")).toEqual(["20201030", "20201031", "20201101", "20201102"]);
  });

  it("checks days", () => {
    expect(() => checkDay("20210229")).toThrow(/calendar/);
    expect(() => checkDay("2021-02-01")).toThrow(/yyyyMMdd/);
  });

  it("addDays(n) then addDays(-n) is the identity, and order follows the string order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.integer({ min: -400, max: 400 }), (offset, n) => {
        const d = addDays("19700101", offset);
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(addDays(d, n) > d).toBe(n > 0);
      }),
    );
  });
});
