// Spark datetime patterns (yyyy, MM, dd, HH, mm, ss, SSS, ...): compiled once, then used to
// format wall-clock fields and to parse strings into them.
import { civilFromDays, daysFromCivil, isValidCivil } from "./civil.js";

type Token = { readonly kind: "field"; readonly letter: string; readonly count: number } | { readonly kind: "literal"; readonly text: string };

/** A compiled pattern. */
export interface Pattern {
  readonly source: string;
  readonly tokens: readonly Token[];
}

const cache = new Map<string, Pattern>();
const FIELD_LETTERS = new Set(["y", "u", "M", "L", "d", "D", "H", "h", "k", "K", "m", "s", "S", "a", "E", "Q"]);

/** Compiles (and caches) a Spark datetime pattern. */
export function compilePattern(source: string): Pattern {
  let p = cache.get(source);
  if (p) return p;
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "'") {
      let j = i + 1, text = "";
      if (source[j] === "'") { tokens.push({ kind: "literal", text: "'" }); i += 2; continue; }
      while (j < source.length) {
        if (source[j] === "'") { if (source[j + 1] === "'") { text += "'"; j += 2; continue; } break; }
        text += source[j++];
      }
      tokens.push({ kind: "literal", text });
      i = j + 1;
    } else if (FIELD_LETTERS.has(ch)) {
      let j = i;
      while (source[j] === ch) j++;
      tokens.push({ kind: "field", letter: ch, count: j - i });
      i = j;
    } else {
      tokens.push({ kind: "literal", text: ch });
      i++;
    }
  }
  p = { source, tokens };
  if (cache.size > 1000) cache.clear();
  cache.set(source, p);
  return p;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"];

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  const p = s.length >= width ? s : "0".repeat(width - s.length) + s;
  return n < 0 ? "-" + p : p;
}

/** Receives the pieces of a formatted wall-clock time, so that a column can take them as bytes. */
export interface WallSink {
  /** Literal text, or a name (month, weekday, AM/PM). */
  text(s: string): void;
  /** An integer in decimal, zero-padded to `width` digits (the sign before the padding). */
  number(n: number, width: number): void;
}

const ymd = new Int32Array(3);

/** Writes a wall-clock time given as days since epoch and microseconds within the day, token by token. */
export function formatWallTo(p: Pattern, days: number, microsOfDay: number, sink: WallSink): void {
  civilFromDays(days, ymd);
  const y = ymd[0]!, mo = ymd[1]!, d = ymd[2]!;
  const secOfDay = Math.floor(microsOfDay / 1_000_000);
  const H = Math.floor(secOfDay / 3600), mi = Math.floor((secOfDay % 3600) / 60), s = secOfDay % 60;
  const frac = microsOfDay % 1_000_000;
  for (const t of p.tokens) {
    if (t.kind === "literal") { sink.text(t.text); continue; }
    const c = t.count;
    switch (t.letter) {
      case "y": case "u": sink.number(c === 2 ? ((y % 100) + 100) % 100 : y, c); break;
      case "M": case "L": if (c >= 4) sink.text(MONTHS[mo - 1]!); else if (c === 3) sink.text(MONTHS[mo - 1]!.slice(0, 3)); else sink.number(mo, c); break;
      case "d": sink.number(d, c); break;
      case "D": sink.number(days - daysFromCivil(y, 1, 1) + 1, c); break;
      case "H": sink.number(H, c); break;
      case "k": sink.number(H === 0 ? 24 : H, c); break;
      case "h": sink.number(H % 12 === 0 ? 12 : H % 12, c); break;
      case "K": sink.number(H % 12, c); break;
      case "m": sink.number(mi, c); break;
      case "s": sink.number(s, c); break;
      case "S": {
        // The first c digits of the six-digit fraction, zeros past the sixth.
        const shown = Math.min(c, 6);
        sink.number(Math.floor(frac / 10 ** (6 - shown)), shown);
        if (c > 6) sink.text("0".repeat(c - 6));
        break;
      }
      case "a": sink.text(H < 12 ? "AM" : "PM"); break;
      case "E": { const name = DAYS[((days % 7) + 7) % 7]!; sink.text(c >= 4 ? name : name.slice(0, 3)); break; }
      case "Q": sink.number(Math.floor((mo - 1) / 3) + 1, c); break;
    }
  }
}

/** Collects the pieces as one string. */
class StringSink implements WallSink {
  out = "";
  text(s: string): void { this.out += s; }
  number(n: number, width: number): void { this.out += pad(n, width); }
}

const stringSink = new StringSink();

/** Formats a wall-clock time given as days since epoch and microseconds within the day. */
export function formatWall(p: Pattern, days: number, microsOfDay: number): string {
  stringSink.out = "";
  formatWallTo(p, days, microsOfDay, stringSink);
  return stringSink.out;
}

/** Parsed wall-clock fields; null when the text does not match the pattern. */
export interface WallTime { days: number; microsOfDay: number }

const NUMERIC = new Set(["y", "u", "M", "L", "d", "D", "H", "h", "k", "K", "m", "s", "S", "Q"]);

/** Parses `text` with the pattern (the whole text must match), or returns null. */
export function parseWall(p: Pattern, text: string): WallTime | null {
  let pos = 0;
  let y = 1970, mo = 1, d = 1, H = 0, mi = 0, s = 0, frac = 0, pm = -1, h12 = -1;
  const toks = p.tokens;
  for (let ti = 0; ti < toks.length; ti++) {
    const t = toks[ti]!;
    if (t.kind === "literal") {
      if (!text.startsWith(t.text, pos)) return null;
      pos += t.text.length;
      continue;
    }
    if (t.letter === "a") {
      const ap = text.slice(pos, pos + 2).toUpperCase();
      if (ap !== "AM" && ap !== "PM") return null;
      pm = ap === "PM" ? 1 : 0;
      pos += 2;
      continue;
    }
    if ((t.letter === "M" || t.letter === "L") && t.count >= 3) {
      const idx = MONTHS.findIndex((m) => text.startsWith(t.count >= 4 ? m : m.slice(0, 3), pos));
      if (idx < 0) return null;
      mo = idx + 1;
      pos += t.count >= 4 ? MONTHS[idx]!.length : 3;
      continue;
    }
    if (t.letter === "E") {
      const idx = DAYS.findIndex((m) => text.startsWith(t.count >= 4 ? m : m.slice(0, 3), pos));
      if (idx < 0) return null;
      pos += t.count >= 4 ? DAYS[idx]!.length : 3;
      continue;
    }
    // Adjacent numeric fields (yyyyMMdd) take exactly `count` digits; otherwise read greedily.
    const next = toks[ti + 1];
    const fixed = next !== undefined && next.kind === "field" && NUMERIC.has(next.letter);
    const max = fixed || t.letter === "S" ? t.count : t.letter === "y" || t.letter === "u" ? 9 : Math.max(t.count, 2);
    let j = pos;
    let sign = 1;
    if ((t.letter === "y" || t.letter === "u") && (text[j] === "-" || text[j] === "+")) { sign = text[j] === "-" ? -1 : 1; j++; }
    const start = j;
    while (j < text.length && j - start < max && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === start || (fixed && j - start !== t.count)) return null;
    const v = Number(text.slice(start, j));
    switch (t.letter) {
      case "y": case "u": y = t.count === 2 && j - start === 2 ? 2000 + v : sign * v; break;
      case "M": case "L": mo = v; break;
      case "d": d = v; break;
      case "D": break;
      case "H": case "k": H = v === 24 && t.letter === "k" ? 0 : v; break;
      case "h": case "K": h12 = v; break;
      case "m": mi = v; break;
      case "s": s = v; break;
      case "S": frac = Number(text.slice(start, j).padEnd(6, "0").slice(0, 6)); break;
      case "Q": break;
    }
    pos = j;
  }
  if (pos !== text.length) return null;
  if (h12 >= 0) H = (h12 % 12) + (pm === 1 ? 12 : 0);
  else if (pm === 1 && H < 12) H += 12;
  if (!isValidCivil(y, mo, d) || H > 23 || mi > 59 || s > 59) return null;
  return { days: daysFromCivil(y, mo, d), microsOfDay: ((H * 60 + mi) * 60 + s) * 1_000_000 + frac };
}

const TS_RE = /^\s*([+-]?\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?)?)?\s*(Z|UTC|[+-]\d{1,2}(?::?\d{2})?)?)?)?\s*$/;

/** Spark's cast of a string to a timestamp: `yyyy[-MM[-dd[ HH[:mm[:ss[.ffffff]]]][zone]]]`; zone is an offset in ms when given. */
export function parseTimestampText(text: string): (WallTime & { offsetMillis: number | null }) | null {
  const m = TS_RE.exec(text);
  if (!m) return null;
  const y = Number(m[1]), mo = m[2] ? Number(m[2]) : 1, d = m[3] ? Number(m[3]) : 1;
  const H = m[4] ? Number(m[4]) : 0, mi = m[5] ? Number(m[5]) : 0, s = m[6] ? Number(m[6]) : 0;
  if (!isValidCivil(y, mo, d) || H > 23 || mi > 59 || s > 59) return null;
  const frac = m[7] ? Number(m[7].padEnd(6, "0").slice(0, 6)) : 0;
  let offsetMillis: number | null = null;
  const z = m[8];
  if (z === "Z" || z === "UTC") offsetMillis = 0;
  else if (z) {
    const zm = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(z)!;
    offsetMillis = (zm[1] === "-" ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * 60_000;
  }
  return { days: daysFromCivil(y, mo, d), microsOfDay: ((H * 60 + mi) * 60 + s) * 1_000_000 + frac, offsetMillis };
}

const DATE_RE = /^\s*([+-]?\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T].*)?)?)?\s*$/;

/** Spark's cast of a string to a date: `yyyy[-MM[-dd[ anything]]]`, or null. */
export function parseDateText(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const y = Number(m[1]), mo = m[2] ? Number(m[2]) : 1, d = m[3] ? Number(m[3]) : 1;
  if (!isValidCivil(y, mo, d)) return null;
  return daysFromCivil(y, mo, d);
}
