// Time zone arithmetic with Intl: offsets, ISO rendering in a zone, and parsing local times.

const formatters = new Map<string, Intl.DateTimeFormat>();

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

/** The zone's offset from UTC in minutes at the instant `epochMs`. */
export function offsetMinutes(zone: string, epochMs: number): number {
  if (zone === "UTC" || zone === "Etc/UTC") return 0;
  const parts = formatter(zone).formatToParts(new Date(epochMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc - whole) / 60000);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function offsetText(minutes: number): string {
  if (minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** Spark's JSON/CSV timestamp text: `2020-10-25T03:46:40.000+09:00` (`Z` in UTC), in `zone`. */
export function formatTimestamp(micros: bigint, zone: string): string {
  const ms = Number(micros / 1000n) - (micros % 1000n < 0n ? 1 : 0);
  const off = offsetMinutes(zone, ms);
  const d = new Date(ms + off * 60000);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : String(y);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:` +
    `${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${offsetText(off)}`;
}

/** `yyyy-MM-dd` of days since the epoch. */
export function formatDate(days: number): string {
  const d = new Date(days * 86400000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Days since the epoch of `yyyy-MM-dd` (or a timestamp text's date part), or null if not a date. */
export function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(text.trim());
  if (m === null) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86400000;
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
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const frac = (m[7] ?? "").padEnd(6, "0").slice(0, 6);
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  let offset: number;
  const z = m[8];
  if (z === undefined) {
    // Local wall time: the offset at (local - offset) converges in two steps, DST gaps included.
    const first = offsetMinutes(zone, local);
    offset = offsetMinutes(zone, local - first * 60000);
  } else if (/^(Z|UTC)$/i.test(z)) {
    offset = 0;
  } else {
    const digits = z.replace(":", "");
    const sign = digits[0] === "-" ? -1 : 1;
    offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
  }
  return BigInt(local - offset * 60000) * 1000n + BigInt(Number(frac));
}
