// Finding sub-plans that occur more than once in a query, so that an executor computes them once
// (Spark's ReuseExchange): a DataFrame used in several places, like `access.distinct()` feeding the
// day's counts, its joins and its set differences, is one plan object or several equal ones.
import { exprKey, splitConjunction } from "../expr/tree.js";
import { isDeterministic } from "../optimizer/expr-utils.js";
import { Filter, Scan } from "./nodes/index.js";
import type { DistinctNode, LogicalPlan } from "./plan.js";
import { widenScansAlike } from "./scans-alike.js";
import { changed, children, transformUp, unchanged } from "./tree.js";

/**
 * Structural fingerprints of plan nodes: equal fingerprints mean equal plans (same node kinds, same
 * expressions, same sources and options). Plain data is compared by value; anything else (in-memory
 * Arrow batches, functions) by identity. Each node's text names its children by small interned ids,
 * so fingerprints stay short however deep the plan.
 */
export class PlanFingerprints {
  readonly #byNode = new WeakMap<object, string>();
  readonly #interned = new Map<string, number>();
  readonly #identities = new WeakMap<object, number>();
  #nextIdentity = 0;

  /** The fingerprint of `plan`. */
  of(plan: LogicalPlan): string {
    return this.#value(plan);
  }

  #intern(text: string): string {
    let id = this.#interned.get(text);
    if (id === undefined) { id = this.#interned.size; this.#interned.set(text, id); }
    return `@${id}`;
  }

  #identity(o: object): string {
    let id = this.#identities.get(o);
    if (id === undefined) { id = this.#nextIdentity++; this.#identities.set(o, id); }
    return `#${id}`;
  }

  #value(v: unknown): string {
    switch (typeof v) {
      case "string": return JSON.stringify(v);
      case "number": return Object.is(v, -0) ? "-0" : String(v);
      case "bigint": return `${v}n`;
      case "boolean": return v ? "T" : "F";
      case "undefined": return "U";
      case "function": case "symbol": return this.#identity(v as object);
      case "object": break;
    }
    if (v === null) return "N";
    const o = v as object;
    const known = this.#byNode.get(o);
    if (known !== undefined) return known;
    let text: string;
    if (Array.isArray(o)) text = `[${o.map((x) => this.#value(x)).join(",")}]`;
    else {
      const proto = Object.getPrototypeOf(o) as unknown;
      if (proto !== Object.prototype && proto !== null) return this.#identity(o);
      const rec = o as Record<string, unknown>;
      text = `{${Object.keys(rec).sort().map((k) => `${JSON.stringify(k)}:${this.#value(rec[k])}`).join(",")}}`;
    }
    // Plans and expressions are frozen, so a node's fingerprint never changes; memoize only those.
    const id = this.#intern(text);
    if (Object.isFrozen(o)) this.#byNode.set(o, id);
    return id;
  }
}

/** What a repeated sub-plan analysis found: the fingerprints to compute once, and how many times each is read. */
export interface RepeatedSubplans {
  /**
   * The plan to run: the analysed plan, where filtered copies of a distinct read the distinct (see
   * `filterAfterSharedDistinct`) and scans that differ only in their columns read one scan (see `widenScansAlike`).
   */
  readonly plan: LogicalPlan;
  readonly fingerprints: PlanFingerprints;
  /** Fingerprint → number of places that read it (at least 2). */
  readonly consumers: ReadonlyMap<string, number>;
}

const BREAKERS: ReadonlySet<LogicalPlan["kind"]> = new Set(["aggregate", "distinct", "join", "except", "sort", "scan"]);

/**
 * Whether recomputing `plan` costs more than replaying its rows: it is an operator that sees all its
 * input before it answers, or a read of a source (decoding and filtering a file again, or another
 * round trip to a database). Cheap operators above one (a projection of a shared distinct) are
 * recomputed, which costs less than keeping their rows a second time.
 */
export function worthReusing(plan: LogicalPlan): boolean {
  return BREAKERS.has(plan.kind);
}

/**
 * The sub-plans of `plan` that occur more than once and are worth computing once. The outermost
 * repeated sub-plans are chosen first; a sub-plan inside a chosen one counts once per place it is
 * read from outside it, so nothing is chosen that would run only once anyway.
 */
export function repeatedSubplans(analysed: LogicalPlan, worth: (p: LogicalPlan) => boolean = worthReusing): RepeatedSubplans {
  const fingerprints = new PlanFingerprints();
  const plan = widenScansAlike(filterAfterSharedDistinct(analysed, fingerprints), fingerprints);
  const chosen = new Set<string>();
  // Occurrence counts and pre-order nodes, descending into each chosen sub-plan only once.
  const walk = (): { counts: Map<string, number>; order: LogicalPlan[] } => {
    const counts = new Map<string, number>(), order: LogicalPlan[] = [];
    const visit = (p: LogicalPlan): void => {
      const fp = fingerprints.of(p);
      const n = (counts.get(fp) ?? 0) + 1;
      counts.set(fp, n);
      if (n > 1 && chosen.has(fp)) return;
      order.push(p);
      for (const c of children(p)) visit(c);
    };
    visit(plan);
    return { counts, order };
  };
  for (;;) {
    const { counts, order } = walk();
    const pick = order.find((p) => {
      const fp = fingerprints.of(p);
      return !chosen.has(fp) && (counts.get(fp) ?? 0) > 1 && worth(p);
    });
    if (pick === undefined) {
      const consumers = new Map<string, number>();
      for (const fp of chosen) if ((counts.get(fp) ?? 0) > 1) consumers.set(fp, counts.get(fp)!);
      return { plan, fingerprints, consumers };
    }
    chosen.add(fingerprints.of(pick));
  }
}

/** A scan without its pushed filters, when they all are among `conjuncts` (so the filter above restores them). */
function withoutPushedFilters(p: LogicalPlan, conjuncts: ReadonlySet<string>): LogicalPlan | null {
  if (p.kind !== "scan") return p;
  if (!p.filters.every((f) => conjuncts.has(exprKey(f)))) return null;
  return p.filters.length === 0 ? p : Scan.create(p.source, p.projection, []);
}

/**
 * Rewrites `distinct(filter(p, x))` as `filter(p, distinct(x))` where `distinct(x)` is also computed
 * elsewhere in the plan, so that the filtered copy reads the shared distinct instead of computing a
 * second one (the optimizer pushes filters below a distinct, which is right when nothing is shared).
 * Equal results: a row passes a deterministic predicate whichever of its duplicates is kept (float
 * columns excepted: -0.0 and 0.0 are duplicates a predicate can tell apart). Filters
 * pushed into a scan below are ignored in the comparison when the filter above restates them.
 */
export function filterAfterSharedDistinct(plan: LogicalPlan, fingerprints: PlanFingerprints = new PlanFingerprints()): LogicalPlan {
  const distincts = fullRowDistincts(plan, fingerprints);
  if (distincts.size === 0) return plan;
  return transformUp(plan, (node) => {
    if (node.kind !== "distinct" || node.input.kind !== "filter") return unchanged(node);
    const shared = sharedDistinctBelow(node, distincts, fingerprints);
    return shared === undefined ? unchanged(node) : changed(Filter.create(shared, node.input.predicate));
  }).node;
}

/** Whether a distinct occurs more than once in `plan`, so that its readers share one computation of it. */
export function repeatedDistincts(plan: LogicalPlan, fingerprints: PlanFingerprints): (d: DistinctNode) => boolean {
  const seen = new Map<string, number>();
  const count = (p: LogicalPlan): void => {
    if (p.kind === "distinct") { const fp = fingerprints.of(p); seen.set(fp, (seen.get(fp) ?? 0) + 1); }
    children(p).forEach(count);
  };
  count(plan);
  return (d) => (seen.get(fingerprints.of(d)) ?? 0) > 1;
}

/** The full-row distincts of `plan`, by the fingerprint of their input. */
export function fullRowDistincts(plan: LogicalPlan, fingerprints: PlanFingerprints): Map<string, DistinctNode> {
  const distincts = new Map<string, DistinctNode>();
  const collect = (p: LogicalPlan): void => {
    if (p.kind === "distinct" && p.columns === null) distincts.set(fingerprints.of(p.input), p);
    children(p).forEach(collect);
  };
  collect(plan);
  return distincts;
}

/**
 * For `distinct(filter(p, x))`: the distinct of `x` among `distincts` (see `fullRowDistincts`) that it
 * can read and filter instead, or undefined.
 */
export function sharedDistinctBelow(node: DistinctNode, distincts: ReadonlyMap<string, DistinctNode>, fingerprints: PlanFingerprints): DistinctNode | undefined {
  if (node.columns !== null || node.input.kind !== "filter") return undefined;
  const filter = node.input;
  // Distinct keeps the first of -0.0 and 0.0, which a predicate can tell apart; and a predicate
  // that is not deterministic must see the rows it saw before.
  if (node.schema.fields.some((f) => f.type === "float64") || !isDeterministic(filter.predicate)) return undefined;
  const conjuncts = new Set(splitConjunction(filter.predicate).map((c) => exprKey(c)));
  const base = withoutPushedFilters(filter.input, conjuncts);
  return base === null ? undefined : distincts.get(fingerprints.of(base));
}
