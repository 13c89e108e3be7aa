// Scales of the synthetic LGDE shop. Everything is derived from the number of access-log rows.

/** A named scale. */
export type SizeName = "tiny" | "small" | "medium" | "large";

/** Row counts of one scale. */
export interface ShopSize {
  readonly name: SizeName;
  /** Raw access-log rows of day D, duplicates included. */
  readonly accessRows: number;
  /** Customers in `user_D` (ids 1..users); the access log also holds ~2% ids beyond (customers not in the table). */
  readonly users: number;
  /** Rows of `purchase_D` (~5% of them on day D-1, which the pipeline filters out). */
  readonly purchaseRows: number;
  /** Distinct products (the string group-by key `p_name`). */
  readonly products: number;
}

const ACCESS: Readonly<Record<SizeName, number>> = { tiny: 50_000, small: 1_000_000, medium: 10_000_000, large: 50_000_000 };

/** The scale named `name`; an error lists the names that exist. */
export function shopSize(name: string): ShopSize {
  if (!(name in ACCESS)) throw new Error(`unknown size "${name}"; use one of ${Object.keys(ACCESS).join(", ")}`);
  const n = name as SizeName;
  const accessRows = ACCESS[n];
  // 1M customers against 10M access rows at `medium`: the 1M x 10M join of the brief.
  return { name: n, accessRows, users: accessRows / 10, purchaseRows: accessRows / 10, products: Math.max(1000, accessRows / 100) };
}

/** Day D measured by the pipeline and its first second (epoch seconds) in Asia/Seoul (UTC+9, no DST since 1988). */
export const DAY = "20201101";
export const YESTERDAY = "20201031";
export const SEOUL_OFFSET_S = 9 * 3600;
export const DAY_START = Date.UTC(2020, 10, 1) / 1000 - SEOUL_OFFSET_S;
export const DAY_END = DAY_START + 86_400;
/** The shop opened D-7: yesterday's dimension holds the customers seen on the 7 days before D. */
export const HISTORY_DAYS = 7;
