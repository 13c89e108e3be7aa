// Instants (epoch microseconds) to wall-clock fields in a zone and back.
import { compilePattern, formatWall, type WallTime } from "./pattern.js";
import type { Zone } from "./zone.js";

export const MICROS_PER_DAY = 86_400_000_000;

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
  const wallMs = days * 86_400_000 + Math.floor(microsOfDay / 1000);
  return zone.toUtc(wallMs) * 1000 + (microsOfDay % 1000);
}

const DEFAULT = compilePattern("yyyy-MM-dd HH:mm:ss");

/** Spark's text of a timestamp: `yyyy-MM-dd HH:mm:ss[.fraction]` in the zone, trailing zeros trimmed. */
export function timestampText(micros: number, zone: Zone): string {
  const w = toWall(micros, zone);
  const base = formatWall(DEFAULT, w.days, w.microsOfDay);
  const frac = w.microsOfDay % 1_000_000;
  if (frac === 0) return base;
  return base + "." + String(frac).padStart(6, "0").replace(/0+$/, "");
}

const DATE = compilePattern("yyyy-MM-dd");

export function dateText(days: number): string {
  return formatWall(DATE, days, 0);
}
