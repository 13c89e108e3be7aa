// Figures for people: thousands separators, ₩ on revenue, DAAT in minutes, a dash for "none".
import type { Figure } from "./metric-row.js";

const group = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 1 });
const NONE = "—";

/** How a figure reads: a count, an amount of won, or a duration. */
export type FigureKind = "count" | "won" | "duration";

/** What each figure is, for labels and formatting; `ko` is the Korean name shown under the code. */
export const FIGURE_INFO: Readonly<Record<Figure, { readonly code: string; readonly ko: string; readonly en: string; readonly kind: FigureKind }>> = {
  dau: { code: "DAU", ko: "일일 활성 사용자", en: "daily active users", kind: "count" },
  pu: { code: "PU", ko: "일일 결제 사용자", en: "daily paying users", kind: "count" },
  dr: { code: "DR", ko: "일 매출", en: "daily revenue", kind: "won" },
  arpu: { code: "ARPU", ko: "사용자당 평균 매출", en: "revenue per user", kind: "won" },
  arppu: { code: "ARPPU", ko: "결제 사용자당 평균 매출", en: "revenue per paying user", kind: "won" },
  daat: { code: "DAAT", ko: "평균 접속 시간", en: "average access time", kind: "duration" },
  dnu: { code: "DNU", ko: "신규 사용자", en: "new users", kind: "count" },
  dfpu: { code: "DFPU", ko: "첫 결제 사용자", en: "first-time paying users", kind: "count" },
  ar: { code: "AR", ko: "누적 매출", en: "accumulated revenue", kind: "won" },
  users: { code: "USERS", ko: "누적 사용자", en: "accumulated users", kind: "count" },
  ltv: { code: "LTV", ko: "고객 생애 가치", en: "lifetime value", kind: "won" },
};

/** 12900000 → "12,900,000" (rounded to a whole number). */
export function formatCount(n: number): string {
  return group.format(n);
}

/** 1433333.33 → "₩1,433,333"; the won has no smaller unit in use. */
export function formatWon(n: number): string {
  return n < 0 ? `-₩${group.format(-n)}` : `₩${group.format(n)}`;
}

/** Seconds → minutes: 2400 → "40분", 2530 → "42.2분". */
export function formatDuration(seconds: number): string {
  return `${oneDecimal.format(seconds / 60)}분`;
}

/** A figure as people read it; null → "—". */
export function formatFigure(figure: Figure, value: number | null): string {
  if (value === null) return NONE;
  const kinds: Record<FigureKind, (n: number) => string> = { count: formatCount, won: formatWon, duration: formatDuration };
  return kinds[FIGURE_INFO[figure].kind](value);
}

/** `20201026` → `2020-10-26`. */
export function formatDay(day: string): string {
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
