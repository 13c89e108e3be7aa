// Time zone offsets from Intl, cached per 15-minute bucket, so that converting millions of instants
// costs a Map lookup each rather than an Intl call.

const HOUR_MS = 3_600_000;

/** Offsets (milliseconds to add to UTC to get wall time) of one IANA zone. */
export interface Zone {
  readonly name: string;
  /** The offset at an instant (epoch milliseconds). */
  offsetAt(utcMillis: number): number;
  /** The UTC instant of a wall-clock time (milliseconds as if UTC); in a gap or overlap, Spark/Java's earlier-offset choice. */
  toUtc(wallMillis: number): number;
}

const zones = new Map<string, Zone>();

/** The zone named `name` (cached); an unknown zone is a RangeError naming it. */
export function zoneOf(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = makeZone(name);
    zones.set(name, z);
  }
  return z;
}

function makeZone(name: string): Zone {
  const upper = name.toUpperCase();
  if (upper === "UTC" || upper === "GMT" || upper === "Z" || upper === "ETC/UTC") {
    return { name, offsetAt: () => 0, toUtc: (w) => w };
  }
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(name);
  if (fixed) {
    const off = (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60_000;
    return { name, offsetAt: () => off, toUtc: (w) => w - off };
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: name, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric", era: "short",
    });
  } catch {
    throw new RangeError(`unknown time zone "${name}"`);
  }
  const cache = new Map<number, number>();
  const compute = (utc: number): number => {
    const parts = fmt.formatToParts(new Date(utc));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    let year = get("year");
    if (parts.find((p) => p.type === "era")?.value === "BC") year = 1 - year;
    const d = new Date(0);
    d.setUTCFullYear(year, get("month") - 1, get("day"));
    d.setUTCHours(get("hour"), get("minute"), get("second"), 0);
    return d.getTime() - (utc - (((utc % 1000) + 1000) % 1000));
  };
  const offsetAt = (utc: number): number => {
    // Offsets change on (at least) quarter-hour boundaries in every zone in use; hour buckets
    // would misplace the rare :30/:45 transitions, so bucket by 15 minutes.
    const bucket = Math.floor(utc / (HOUR_MS / 4));
    let off = cache.get(bucket);
    if (off === undefined) {
      off = compute(bucket * (HOUR_MS / 4));
      if (cache.size > 200_000) cache.clear();
      cache.set(bucket, off);
    }
    return off;
  };
  return {
    name,
    offsetAt,
    toUtc: (wall) => {
      // Two passes handle transitions; in an overlap this picks the earlier offset like java.time.
      const o1 = offsetAt(wall);
      const guess = wall - o1;
      const o2 = offsetAt(guess);
      if (o2 === o1) {
        const earlier = offsetAt(guess - HOUR_MS);
        if (earlier !== o1 && offsetAt(wall - earlier) === earlier) return Math.min(wall - earlier, guess);
        return guess;
      }
      const g2 = wall - o2;
      return offsetAt(g2) === o2 ? g2 : wall - Math.min(o1, o2);
    },
  };
}
