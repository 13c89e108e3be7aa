// Validation of everything a client sends: days, date ranges, paging. Nothing unvalidated reaches a path or a query.
import { checkDay, DateError } from "../dates.js";
import { HttpError } from "./http-error.js";

/** The largest page of the dimension endpoint. */
export const MAX_LIMIT = 1000;
/** The page size when `limit` is not given. */
export const DEFAULT_LIMIT = 100;

/** A day `yyyyMMdd` that is a real calendar day, else a 400 naming `what`. */
export function dayParam(value: string, what: string): string {
  try {
    return checkDay(value, what);
  } catch (e) {
    if (e instanceof DateError) throw new HttpError(400, e.message);
    throw e;
  }
}

/** The query parameters as single values; a 400 for a parameter not in `allowed` or given twice. */
export function queryParams(search: URLSearchParams, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of search) {
    if (!allowed.includes(k)) {
      const known = allowed.length === 0 ? "this endpoint takes none" : `expected ${allowed.join(", ")}`;
      throw new HttpError(400, `unknown query parameter "${k}": ${known}`);
    }
    if (out.has(k)) throw new HttpError(400, `query parameter "${k}" is given more than once`);
    out.set(k, v);
  }
  return out;
}

/** An inclusive day range; either end may be open. A 400 when `from` is after `to`. */
export interface DayRange {
  readonly from?: string;
  readonly to?: string;
}

export function rangeParams(q: Map<string, string>): DayRange {
  const from = q.has("from") ? dayParam(q.get("from") ?? "", "from") : undefined;
  const to = q.has("to") ? dayParam(q.get("to") ?? "", "to") : undefined;
  if (from !== undefined && to !== undefined && from > to) {
    throw new HttpError(400, `from ${from} is after to ${to}`);
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** A non-negative integer written in decimal digits only (no sign, exponent or fraction), at most `max`. */
function intParam(q: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,16}$/.test(raw)) throw new HttpError(400, `${name} "${raw}" is not a whole number from ${min} to ${max}`);
  const n = Number(raw);
  if (n < min || n > max) throw new HttpError(400, `${name} ${raw} is out of range: expected ${min} to ${max}`);
  return n;
}

/** `limit` (1..MAX_LIMIT, default DEFAULT_LIMIT) and `offset` (0.., default 0). */
export function pageParams(q: Map<string, string>): { limit: number; offset: number } {
  return {
    limit: intParam(q, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: intParam(q, "offset", 0, 0, Number.MAX_SAFE_INTEGER),
  };
}
