// Wall-clock arithmetic in an IANA zone, for the reference's time functions (obvious, not fast).
export interface WallClock {
  year: number; month: number; day: number; hour: number; minute: number; second: number; millis: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in `timeZone`. */
export function wallClock(epochMillis: number, timeZone: string): WallClock {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(epochMillis))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!,
    second: parts.second!, millis: ((epochMillis % 1000) + 1000) % 1000,
  };
}

/** The instant whose wall clock in `timeZone` reads `w` (earlier instant on overlaps). */
export function fromWallClock(w: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millis);
  // iterate the offset twice: enough for every zone's transitions
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const c = wallClock(guess, timeZone);
    const seen = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.millis);
    guess += asUtc - seen;
  }
  return guess;
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** Formats wall-clock fields with a Spark datetime pattern (yyyy MM dd HH mm ss SSS and literals). */
export function formatPattern(w: WallClock, pattern: string): string {
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss|SSS|'[^']*'/g, (tok) => {
    switch (tok) {
      case "yyyy": return pad(w.year, 4);
      case "MM": return pad(w.month, 2);
      case "dd": return pad(w.day, 2);
      case "HH": return pad(w.hour, 2);
      case "mm": return pad(w.minute, 2);
      case "ss": return pad(w.second, 2);
      case "SSS": return pad(w.millis, 3);
      default: return tok.slice(1, -1);
    }
  });
}

/** Parses `text` with a Spark datetime pattern into wall-clock fields, or null if it does not fit. */
export function parsePattern(text: string, pattern: string): WallClock | null {
  const w: WallClock = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0 };
  let pos = 0;
  const tokens = pattern.match(/yyyy|MM|dd|HH|mm|ss|SSS|'[^']*'|./g) ?? [];
  for (const tok of tokens) {
    const width = { yyyy: 4, MM: 2, dd: 2, HH: 2, mm: 2, ss: 2, SSS: 3 }[tok];
    if (width === undefined) {
      const lit = tok.startsWith("'") ? tok.slice(1, -1) : tok;
      if (text.slice(pos, pos + lit.length) !== lit) return null;
      pos += lit.length;
      continue;
    }
    const digits = text.slice(pos, pos + width);
    if (!/^\d+$/.test(digits) || digits.length !== width) return null;
    pos += width;
    const n = Number(digits);
    if (tok === "yyyy") w.year = n;
    else if (tok === "MM") w.month = n;
    else if (tok === "dd") w.day = n;
    else if (tok === "HH") w.hour = n;
    else if (tok === "mm") w.minute = n;
    else if (tok === "ss") w.second = n;
    else w.millis = n;
  }
  return pos === text.length ? w : null;
}
