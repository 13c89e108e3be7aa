// Spark's JSON/CSV timestamp and date text, on core's zone and calendar arithmetic.
import { compilePattern, dateText, daysFromCivil, formatWall, fromWallExact, isValidCivil, zoneOf } from "@lgde/core";

const MS_PER_DAY = 86_400_000;

/** The zone's offset from UTC in whole minutes at the instant `epochMs` (the precision of `+09:00`). */
export function offsetMinutes(zone: string, epochMs: number): number {
  return Math.round(zoneOf(zone).offsetAt(epochMs) / 60000);
}

const pad = (n: number): string => String(n).padStart(2, "0");

function offsetText(minutes: number): string {
  if (minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const ISO = compilePattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

/** Spark's JSON/CSV timestamp text: `2020-10-25T03:46:40.000+09:00` (`Z` in UTC), in `zone`. */
export function formatTimestamp(micros: bigint, zone: string): string {
  const ms = Number(micros / 1000n) - (micros % 1000n < 0n ? 1 : 0);
  // The wall time is shifted by the offset as printed (whole minutes), so that the text names the instant
  // even for historical offsets with seconds (LMT).
  const off = offsetMinutes(zone, ms);
  const localMs = ms + off * 60000;
  const days = Math.floor(localMs / MS_PER_DAY);
  return formatWall(ISO, days, (localMs - days * MS_PER_DAY) * 1000) + offsetText(off);
}

/** `yyyy-MM-dd` of days since the epoch. */
export function formatDate(days: number): string {
  return dateText(days);
}

/** Days since the epoch of `yyyy-MM-dd` (or a timestamp text's date part), or null if not a date. */
export function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(text.trim());
  if (m === null) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  return isValidCivil(y, mo, d) ? daysFromCivil(y, mo, d) : null;
}

const TS = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Microseconds since the epoch of an ISO-like timestamp (`2020-10-25 03:46:40`, `...T03:46:40.123+09:00`),
 * read in `zone` when it carries no offset; null if it is not a timestamp.
 */
export function parseTimestamp(text: string, zone: string): bigint | null {
  const m = TS.exec(text.trim());
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (!isValidCivil(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const frac = Number((m[7] ?? "").padEnd(6, "0").slice(0, 6));
  const days = daysFromCivil(y, mo, d);
  const microsOfDay = ((h * 60 + mi) * 60 + s) * 1_000_000 + frac;
  const z = m[8];
  // Without an offset it is a wall time in `zone` (DST gaps and overlaps resolved as java.time does).
  if (z === undefined) return fromWallExact(days, microsOfDay, zoneOf(zone));
  let offset = 0;
  if (!/^(Z|UTC)$/i.test(z)) {
    const digits = z.replace(":", "");
    const sign = digits[0] === "-" ? -1 : 1;
    offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
  }
  return BigInt(days * MS_PER_DAY + Math.floor(microsOfDay / 1000) - offset * 60000) * 1000n + BigInt(frac % 1000);
}
