// Wall-clock <-> instant conversions for DATETIME values, which MySQL stores without a zone;
// the arithmetic is core's (the executors' and show()'s), only MySQL's text form lives here.
import { compilePattern, dateText, daysFromCivil, formatWall, fromWallExact, toWallExact, zoneOf } from "@lgde/core";

const DATETIME_RE = /^(-?\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?$/;

/**
 * Parses MySQL's `YYYY-MM-DD HH:MM:SS[.ffffff]` as a wall-clock time in `zone` and returns epoch microseconds,
 * or null for MySQL's zero date `0000-00-00 ...`. Throws on anything else unparsable.
 */
export function wallClockToMicros(text: string, zone: string): bigint | null {
  const m = DATETIME_RE.exec(text);
  if (m === null) throw new Error(`unparsable MySQL date/time "${text}"`);
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = ""] = m;
  if (Number(y) === 0 && Number(mo) === 0) return null;
  const microsOfDay = ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1_000_000 + Number(frac.padEnd(6, "0"));
  return fromWallExact(daysFromCivil(Number(y), Number(mo), Number(d)), microsOfDay, zoneOf(zone));
}

/** Days since 1970-01-01 of MySQL's `YYYY-MM-DD`, or null for the zero date. */
export function dateToDays(text: string): number | null {
  const m = DATETIME_RE.exec(text);
  if (m === null) throw new Error(`unparsable MySQL date "${text}"`);
  const [, y, mo, d] = m;
  if (Number(y) === 0 && Number(mo) === 0) return null;
  return daysFromCivil(Number(y), Number(mo), Number(d));
}

const WALL_CLOCK = compilePattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

/** Epoch microseconds as MySQL's `YYYY-MM-DD HH:MM:SS.ffffff` wall clock in `zone`. */
export function microsToWallClock(micros: bigint, zone: string): string {
  const w = toWallExact(micros, zoneOf(zone));
  return formatWall(WALL_CLOCK, w.days, w.microsOfDay);
}

/** Days since epoch as `YYYY-MM-DD`. */
export function daysToDate(days: number): string {
  return dateText(days);
}
