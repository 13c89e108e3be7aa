// Wanted partitioning: the columns a consumer would like its input hash-partitioned on, passed down
// while planning so that a distinct (or a shared sub-plan, by its readers' majority) can be
// partitioned the way its readers group it (Spark's requiredChildDistribution, here only a preference).
import { mapChildren, unalias, type AggregateNode, type Expr, type RepeatedSubplans, type Schema } from "@lgde/core";
import type { DPlan } from "./dplan.js";
import { keyColumn } from "./partitioning.js";

/** Columns (of the plan being planned) that its consumer would like it hash-partitioned on. */
export interface Want {
  readonly columns: readonly string[];
}

/** The planner's state for sub-plans read from several places (see `planQuery`). */
export interface Reuse {
  readonly repeated: RepeatedSubplans;
  readonly planned: Map<string, DPlan>;
  nextId: number;
  /** Records what one reader of the shared sub-plan `fp` wants. */
  vote(fp: string, want: Want | null): void;
  /** What most readers of `fp` wanted in the survey pass, or null. */
  preferred(fp: string): Want | null;
}

function of(columns: readonly string[]): Want | null {
  return columns.length === 0 ? null : { columns };
}

export const Want = Object.freeze({
  of,

  /** Every column, in order (a set operation compares whole rows). */
  all: (s: Schema): Want | null => of(s.fields.map((f) => f.name)),

  /**
   * Join keys when each is a column, or a cast of one to its own type (an exchange hashes a cast to
   * another type differently), in key order; otherwise nothing.
   */
  keys(exprs: readonly Expr[], s: Schema): Want | null {
    const names = exprs.map((e) => keyColumn(e, s));
    return names.every((n): n is string => n !== null) ? of(names) : null;
  },

  /** The plain grouping columns of an aggregate; for a global one, the argument of its DISTINCT calls. */
  groupingOf(a: AggregateNode): Want | null {
    // Only plain columns: the one-phase check (partitionedWithin) recognizes no other grouping key.
    const column = (e: Expr) => (e.kind === "column" ? e.name : null);
    if (a.groupBy.length > 0) return of(a.groupBy.map((e) => column(unalias(e))).filter((n): n is string => n !== null));
    const args = new Set<string>();
    const visit = (e: Expr): Expr => {
      if (e.kind !== "aggregate") return mapChildren(e, visit);
      const n = e.distinct && e.args.length === 1 ? column(e.args[0]!) : null;
      if (n !== null) args.add(n);
      return e;
    };
    a.aggregates.forEach(visit);
    return args.size === 1 ? of([...args]) : null;
  },

  /** The input columns a projection passes on as the wanted ones (kept or renamed), or nothing. */
  throughProject(w: Want | null, exprs: readonly Expr[]): Want | null {
    if (w === null) return null;
    const out: string[] = [];
    for (const n of w.columns) {
      const e = exprs.find((x) => (x.kind === "column" && x.name === n) || (x.kind === "alias" && x.name === n));
      const source = e === undefined ? null : e.kind === "alias" ? (e.input.kind === "column" ? e.input.name : null) : n;
      if (source === null) return null;
      out.push(source);
    }
    return { columns: out };
  },

  /** The same positions in a union input (unions match columns by position). */
  byPosition(w: Want | null, union: Schema, input: Schema): Want | null {
    if (w === null) return null;
    const names = w.columns.map((n) => input.fields[union.fields.findIndex((f) => f.name === n)]?.name);
    return names.every((n): n is string => n !== undefined) ? { columns: names } : null;
  },

});

/** Planner state for shared sub-plans; `survey`: the state of a first pass whose votes decide, or null in that pass. */
export class SharedPlans implements Reuse {
  readonly planned = new Map<string, DPlan>();
  nextId = 0;
  readonly #votes = new Map<string, Map<string, { want: Want; n: number }>>();
  readonly #readers = new Map<string, number>();

  constructor(readonly repeated: RepeatedSubplans, private readonly survey: SharedPlans | null) {}

  vote(fp: string, want: Want | null): void {
    this.#readers.set(fp, (this.#readers.get(fp) ?? 0) + 1);
    if (want === null) return;
    const byKey = this.#votes.get(fp) ?? new Map<string, { want: Want; n: number }>();
    this.#votes.set(fp, byKey);
    const key = JSON.stringify(want.columns);
    const v = byKey.get(key);
    if (v === undefined) byKey.set(key, { want, n: 1 });
    else v.n++;
  }

  preferred(fp: string): Want | null {
    return this.survey === null ? null : this.survey.winner(fp);
  }

  /** The want of a majority of the readers, so that one odd reader does not decide for the others. */
  winner(fp: string): Want | null {
    let best: { want: Want; n: number } | null = null;
    for (const v of this.#votes.get(fp)?.values() ?? []) if (best === null || v.n > best.n) best = v;
    return best !== null && best.n * 2 > (this.#readers.get(fp) ?? 0) ? best.want : null;
  }
}
