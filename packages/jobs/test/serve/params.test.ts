// Validation of days, ranges and paging: what reaches a path or a query is 8 digits of a real day, or nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpError } from "../../src/serve/http-error.js";
import { dayParam, MAX_LIMIT, pageParams, queryParams, rangeParams } from "../../src/serve/params.js";

const status = (f: () => unknown): number | "ok" => {
  try {
    f();
    return "ok";
  } catch (e) {
    if (e instanceof HttpError) return e.status;
    throw e;
  }
};

describe("dayParam", () => {
  it("accepts exactly the real calendar days written yyyyMMdd", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10).replaceAll("-", "");
        expect(dayParam(day, "day")).toBe(day);
      }),
    );
  });

  it("rejects with 400 anything that is not 8 digits, so no path separator or dot ever passes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }).filter((s) => !/^\d{8}$/.test(s)), (s) => {
        expect(status(() => dayParam(s, "day"))).toBe(400);
      }),
    );
  });

  it("rejects days that do not exist", () => {
    for (const d of ["20201301", "20200230", "20210229", "20201000", "00000000"]) expect(status(() => dayParam(d, "day")), d).toBe(400);
    expect(dayParam("20200229", "day")).toBe("20200229");
  });
});

describe("rangeParams", () => {
  it("orders from and to", () => {
    const q = (o: Record<string, string>) => queryParams(new URLSearchParams(o), ["from", "to"]);
    expect(rangeParams(q({}))).toEqual({});
    expect(rangeParams(q({ from: "20201025", to: "20201025" }))).toEqual({ from: "20201025", to: "20201025" });
    expect(status(() => rangeParams(q({ from: "20201026", to: "20201025" })))).toBe(400);
    expect(status(() => q({ from: "20201025", x: "1" }))).toBe(400);
  });
});

describe("pageParams", () => {
  const page = (o: Record<string, string>) => pageParams(queryParams(new URLSearchParams(o), ["limit", "offset"]));

  it("defaults to the first 100 rows", () => {
    expect(page({})).toEqual({ limit: 100, offset: 0 });
  });

  it("accepts exactly the limits 1..MAX_LIMIT and the offsets 0..2^53-1", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (n) => {
        const limitOk = n >= 1n && n <= BigInt(MAX_LIMIT);
        expect(status(() => page({ limit: n.toString() }))).toBe(limitOk ? "ok" : 400);
        const offsetOk = n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER);
        expect(status(() => page({ offset: n.toString() }))).toBe(offsetOk ? "ok" : 400);
        if (offsetOk) expect(page({ offset: n.toString() }).offset).toBe(Number(n));
      }),
    );
  });

  it("rejects numbers written any other way", () => {
    for (const v of ["", " 5", "5 ", "+5", "5.0", "1e2", "0x10", "Infinity", "NaN", "１０"]) expect(status(() => page({ limit: v })), v).toBe(400);
  });
});
