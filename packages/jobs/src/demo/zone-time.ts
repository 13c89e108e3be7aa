// The epoch seconds at which a day starts in a time zone (for generating times inside a day).
import { daysFromCivil, fromWall, zoneOf } from "@lgde/core";

/** Epoch seconds of `day` 00:00:00 in `zone` (`yyyyMMdd`). */
export function dayStart(day: string, zone: string): number {
  const days = daysFromCivil(Number(day.slice(0, 4)), Number(day.slice(4, 6)), Number(day.slice(6, 8)));
  return fromWall(days, 0, zoneOf(zone)) / 1_000_000;
}
