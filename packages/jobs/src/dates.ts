// Calendar arithmetic on `yyyyMMdd` day names (pure, zone-free: a day name is a label, not an instant).

const DAY_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;

/** A malformed day name, or a range in the wrong order; the CLI maps it to exit code 2. */
export class DateError extends Error {
  override readonly name = "DateError";
}

/** Throws a DateError naming `what` unless `day` is a real calendar day written `yyyyMMdd`. */
export function checkDay(day: string, what = "date"): string {
  const m = DAY_PATTERN.exec(day);
  if (m === null) throw new DateError(`${what} "${day}" is not a day: expected yyyyMMdd, e.g. 20201025`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new DateError(`${what} "${day}" is not a calendar day`);
  }
  return day;
}

function toUtc(day: string): Date {
  checkDay(day);
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
}

function fromUtc(t: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}`;
}

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  const t = toUtc(day);
  t.setUTCDate(t.getUTCDate() + n);
  return fromUtc(t);
}

/** `yyyyMMdd` → `yyyy-MM-dd`, the form of the `lgde` table's key. */
export function isoDay(day: string): string {
  checkDay(day);
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
}

/** Every day from `from` to `to`, both included, in order; an error if `to` is before `from`. */
export function daysBetween(from: string, to: string): string[] {
  checkDay(from, "--from");
  checkDay(to, "--to");
  if (to < from) throw new DateError(`--to ${to} is before --from ${from}`);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Throws unless `zone` is an IANA time zone that this runtime knows. */
export function checkTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw new DateError(`time zone "${zone}" is unknown: expected an IANA name such as Asia/Seoul or UTC`);
  }
  return zone;
}
