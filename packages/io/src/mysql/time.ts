// Wall-clock <-> instant conversions for DATETIME values, which MySQL stores without a zone.
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function isUtc(zone: string): boolean {
  return zone === "UTC" || zone === "Etc/UTC" || zone === "Z" || zone === "GMT" || zone === "+00:00";
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at instant `ms`, in milliseconds (whole seconds). */
function offsetMs(ms: number, zone: string): number {
  if (isUtc(zone)) return 0;
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

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
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Resolve the zone offset at the guessed instant, then once more in case a transition lies between.
  let utc = local - offsetMs(local, zone);
  const second = local - offsetMs(utc, zone);
  if (second !== utc) utc = second;
  return BigInt(utc) * 1000n + BigInt(frac.padEnd(6, "0"));
}

/** Days since 1970-01-01 of MySQL's `YYYY-MM-DD`, or null for the zero date. */
export function dateToDays(text: string): number | null {
  const m = DATETIME_RE.exec(text);
  if (m === null) throw new Error(`unparsable MySQL date "${text}"`);
  const [, y, mo, d] = m;
  if (Number(y) === 0 && Number(mo) === 0) return null;
  return Math.round(Date.UTC(Number(y), Number(mo) - 1, Number(d)) / MS_PER_DAY);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Epoch microseconds as MySQL's `YYYY-MM-DD HH:MM:SS.ffffff` wall clock in `zone`. */
export function microsToWallClock(micros: bigint, zone: string): string {
  const sec = micros >= 0n ? micros / 1_000_000n : -((-micros + 999_999n) / 1_000_000n);
  const frac = micros - sec * 1_000_000n;
  const secondMs = Number(sec) * 1000;
  const d = new Date(secondMs + offsetMs(secondMs, zone));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(Number(frac), 6)}`;
}

/** Days since epoch as `YYYY-MM-DD`. */
export function daysToDate(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
