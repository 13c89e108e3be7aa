// The epoch seconds at which a day starts in a time zone (for generating times inside a day).

function offsetSeconds(zone: string, epochSeconds: number): number {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
  const parts = f.formatToParts(new Date(epochSeconds * 1000));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) / 1000;
  return asUtc - epochSeconds;
}

/** Epoch seconds of `day` 00:00:00 in `zone` (`yyyyMMdd`). */
export function dayStart(day: string, zone: string): number {
  const local = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) / 1000;
  const first = offsetSeconds(zone, local);
  return local - offsetSeconds(zone, local - first);
}
