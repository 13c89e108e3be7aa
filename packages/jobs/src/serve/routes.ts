// The endpoints: path pattern → handler. Handlers validate every input and return what to send.
import { dashboardHtml } from "./dashboard.js";
import type { DimensionReader } from "./dimension.js";
import { HttpError } from "./http-error.js";
import type { MetricStore } from "./metric-store.js";
import { dayParam, pageParams, queryParams, rangeParams } from "./params.js";

/** What a handler answers: a JSON value or an HTML page. */
export type Reply = { readonly kind: "json"; readonly status: number; readonly body: unknown } | { readonly kind: "html"; readonly status: number; readonly body: string };

/** What the handlers read from. */
export interface RouteContext {
  readonly metrics: MetricStore;
  readonly dimension: DimensionReader;
}

interface Route {
  readonly pattern: RegExp;
  readonly handle: (path: RegExpExecArray, query: URLSearchParams, ctx: RouteContext) => Promise<Reply>;
}

/** A path segment, percent-decoded after routing (so an encoded `/` stays inside the segment and fails validation). */
function segment(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? "");
  } catch {
    throw new HttpError(400, `malformed path segment ${JSON.stringify(raw)}`);
  }
}

const json = (body: unknown, status = 200): Reply => ({ kind: "json", status, body });

export const ROUTES: readonly Route[] = [
  {
    pattern: /^\/$/,
    async handle(_p, query, ctx) {
      queryParams(query, []);
      const served = await ctx.metrics.range({});
      return { kind: "html", status: 200, body: dashboardHtml(served.value, served) };
    },
  },
  {
    pattern: /^\/api\/metrics\/?$/,
    async handle(_p, query, ctx) {
      const range = rangeParams(queryParams(query, ["from", "to"]));
      const served = await ctx.metrics.range(range);
      return json({ source: served.source, from: range.from ?? null, to: range.to ?? null, metrics: served.value });
    },
  },
  {
    pattern: /^\/api\/metrics\/([^/]*)$/,
    async handle(p, query, ctx) {
      queryParams(query, []);
      const day = dayParam(segment(p[1]), "day");
      const served = await ctx.metrics.day(day);
      if (served.value === undefined) throw new HttpError(404, `no metrics for day ${day}`);
      return json({ source: served.source, metrics: served.value });
    },
  },
  {
    pattern: /^\/api\/dimension\/([^/]*)$/,
    async handle(p, query, ctx) {
      const q = queryParams(query, ["limit", "offset"]);
      const day = dayParam(segment(p[1]), "day");
      const { limit, offset } = pageParams(q);
      return json(await ctx.dimension.page(day, limit, offset));
    },
  },
];

/** The reply to GET `pathname` (as sent, percent-encoded) with `query`; a 404 for an unknown path. */
export async function route(pathname: string, query: URLSearchParams, ctx: RouteContext): Promise<Reply> {
  for (const r of ROUTES) {
    const m = r.pattern.exec(pathname);
    if (m !== null) return r.handle(m, query, ctx);
  }
  throw new HttpError(404, `no such page: ${pathname}`);
}
