import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysFromCivil } from "../../src/time/civil.js";
import { compilePattern, formatWall, parseDateText, parseTimestampText, parseWall } from "../../src/time/pattern.js";

const day = daysFromCivil(2020, 10, 25);
const micros = ((3 * 60 + 46) * 60 + 40) * 1_000_000 + 123_456;

describe("Spark datetime patterns", () => {
  it("formats fields, names and literals", () => {
    expect(formatWall(compilePattern("yyyy-MM-dd HH:mm:ss.SSS"), day, micros)).toBe("2020-10-25 03:46:40.123");
    expect(formatWall(compilePattern("yyyyMMdd HH"), day, micros)).toBe("20201025 03");
    expect(formatWall(compilePattern("EEE, d MMM yy hh:mm a"), day, micros)).toBe("Sun, 25 Oct 20 03:46 AM");
    expect(formatWall(compilePattern("EEEE MMMM D Q"), day, 0)).toBe("Sunday October 299 4");
    expect(formatWall(compilePattern("yyyy-MM-dd'T'HH:mm:ss''SSSSSS"), day, micros)).toBe("2020-10-25T03:46:40'123456");
    expect(compilePattern("yyyy-MM-dd")).toBe(compilePattern("yyyy-MM-dd"));
  });

  it("parses what it formats (property)", () => {
    const patterns = ["yyyy-MM-dd HH:mm:ss.SSSSSS", "yyyyMMddHHmmss", "dd/MM/yyyy hh:mm:ss a", "yyyy-MM-dd'T'HH:mm", "MMM d yyyy HH:mm:ss"];
    fc.assert(fc.property(fc.integer({ min: daysFromCivil(1000, 1, 1), max: daysFromCivil(9999, 12, 31) }), fc.integer({ min: 0, max: 86_399_999_999 }), fc.constantFrom(...patterns), (d, us, source) => {
      const p = compilePattern(source);
      const text = formatWall(p, d, us);
      const back = parseWall(p, text);
      expect(back).not.toBeNull();
      expect(formatWall(p, back!.days, back!.microsOfDay)).toBe(text);
    }));
  });

  it("rejects text that does not match or is not a date", () => {
    expect(parseWall(compilePattern("yyyy-MM-dd"), "2020-02-30")).toBeNull();
    expect(parseWall(compilePattern("yyyy-MM-dd"), "2020-10-25 03")).toBeNull();
    expect(parseWall(compilePattern("yyyyMMdd"), "2020x025")).toBeNull();
    expect(parseWall(compilePattern("HH:mm"), "24:00")).toBeNull();
  });

  it("casts strings as Spark does", () => {
    expect(parseDateText("2020-10-25")).toBe(day);
    expect(parseDateText("2020-10")).toBe(daysFromCivil(2020, 10, 1));
    expect(parseDateText(" 2020-10-25T03:46:40 ")).toBe(day);
    expect(parseDateText("2020-02-30")).toBeNull();
    expect(parseDateText("25/10/2020")).toBeNull();
    expect(parseTimestampText("2020-10-25 03:46:40.123456")).toEqual({ days: day, microsOfDay: micros, offsetMillis: null });
    expect(parseTimestampText("2020-10-25T03:46:40.123456789Z")).toEqual({ days: day, microsOfDay: micros, offsetMillis: 0 });
    expect(parseTimestampText("2020-10-25 03:46:40+09:00")?.offsetMillis).toBe(9 * 3_600_000);
    expect(parseTimestampText("2020-10-25 03:46:40-0530")?.offsetMillis).toBe(-5.5 * 3_600_000);
    expect(parseTimestampText("2020-10-25 25:00:00")).toBeNull();
    expect(parseTimestampText("not a time")).toBeNull();
  });
});
