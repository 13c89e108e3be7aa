// Instants (epoch microseconds) to wall-clock fields in a zone and back.
import { compilePattern, formatWall, type WallTime } from "./pattern.js";
import type { Zone } from "./zone.js";

/** Microseconds in a (UTC, leap-second-free) day. */
export const MICROS_PER_DAY = 86_400_000_000;

const MS_PER_DAY = 86_400_000;

/** Wall-clock days and micros-of-day of an instant in `zone`. */
export function toWall(micros: number, zone: Zone): WallTime {
  const ms = Math.floor(micros / 1000);
  const local = micros + zone.offsetAt(ms) * 1000;
  const days = Math.floor(local / MICROS_PER_DAY);
  return { days, microsOfDay: local - days * MICROS_PER_DAY };
}

/** The local day of an instant in `zone`. */
export function toLocalDays(micros: number, zone: Zone): number {
  const local = micros + zone.offsetAt(Math.floor(micros / 1000)) * 1000;
  return Math.floor(local / MICROS_PER_DAY);
}

/** The instant of a wall-clock time in `zone`. */
export function fromWall(days: number, microsOfDay: number, zone: Zone): number {
  const wallMs = days * MS_PER_DAY + Math.floor(microsOfDay / 1000);
  return zone.toUtc(wallMs) * 1000 + (microsOfDay % 1000);
}

/**
 * {@link toWall} of an Arrow (bigint) instant, exact at any magnitude: beyond ±2^53 µs (about
 * 285 years from 1970) a number would lose microseconds, so the split into ms is done in bigint.
 */
export function toWallExact(micros: bigint, zone: Zone): WallTime {
  const subMs = ((micros % 1000n) + 1000n) % 1000n;
  const ms = Number((micros - subMs) / 1000n);
  const localMs = ms + zone.offsetAt(ms);
  const days = Math.floor(localMs / MS_PER_DAY);
  return { days, microsOfDay: (localMs - days * MS_PER_DAY) * 1000 + Number(subMs) };
}

/** {@link fromWall} as an exact bigint instant (see {@link toWallExact}). */
export function fromWallExact(days: number, microsOfDay: number, zone: Zone): bigint {
  const wallMs = days * MS_PER_DAY + Math.floor(microsOfDay / 1000);
  return BigInt(zone.toUtc(wallMs)) * 1000n + BigInt(microsOfDay % 1000);
}

const DEFAULT = compilePattern("yyyy-MM-dd HH:mm:ss");

/** Spark's text of a timestamp: `yyyy-MM-dd HH:mm:ss[.fraction]` in the zone, trailing zeros trimmed. */
export function timestampText(micros: number, zone: Zone): string {
  return wallTimestampText(toWall(micros, zone));
}

/** {@link timestampText} of wall-clock fields already in the zone. */
export function wallTimestampText(w: WallTime): string {
  const base = formatWall(DEFAULT, w.days, w.microsOfDay);
  const frac = w.microsOfDay % 1_000_000;
  if (frac === 0) return base;
  return base + "." + String(frac).padStart(6, "0").replace(/0+$/, "");
}

const DATE = compilePattern("yyyy-MM-dd");

/** Spark's text of a date (days since 1970-01-01): `yyyy-MM-dd`. */
export function dateText(days: number): string {
  return formatWall(DATE, days, 0);
}
