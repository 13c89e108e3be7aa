// Which columns a distributed plan's partitions are already hash-partitioned on, so that a join or
// subtract on those columns does not exchange that side again (Spark's outputPartitioning).
import type { Expr, LogicalPlan, Schema } from "@lgde/core";
import type { PartialStep } from "../wire.js";
import { D, leafScan, type DPlan } from "./dplan.js";

/** The column that a key hashes as: a column, or a cast of one to its own type (the exchange strips it). */
export function keyColumn(k: Expr, s: Schema): string | null {
  const inner = k.kind === "cast" ? k.input : k;
  if (inner.kind !== "column") return null;
  const f = s.fields.find((x) => x.name === inner.name);
  if (f === undefined || (k.kind === "cast" && f.type !== k.to)) return null;
  return inner.name;
}

const LEAF = "partitioning";

/** The output names of `names` where `exprs` pass each on as a plain column (kept or aliased), or null. */
function passedOn(exprs: readonly Expr[], names: readonly string[]): readonly string[] | null {
  const out: string[] = [];
  for (const n of names) {
    const e = exprs.find((x) => (x.kind === "column" && x.name === n) || (x.kind === "alias" && x.input.kind === "column" && x.input.name === n));
    if (e === undefined) return null;
    out.push(e.kind === "alias" ? e.name : n);
  }
  return out;
}

/** The names the columns `names` of the leaf have above it in `p`, or null when one is lost or recomputed. */
function carried(p: LogicalPlan, names: readonly string[]): readonly string[] | null {
  switch (p.kind) {
    case "scan": return p.source.description === LEAF ? names : null;
    // Rows stay in their partition; dropDuplicates keeps whole rows, so every column keeps its values.
    case "filter": case "sort": case "limit": case "distinct": return carried(p.input, names);
    case "project": {
      const below = carried(p.input, names);
      return below === null ? null : passedOn(p.exprs, below);
    }
    // Each group is computed where its rows are, so grouping columns keep the partitioning.
    case "aggregate": {
      const below = carried(p.input, names);
      return below === null ? null : passedOn(p.groupBy, below);
    }
    case "values": case "join": case "union": case "except": return null;
  }
}

/**
 * The columns (in hashing order) on which `d`'s partitions are hash-partitioned into the executor's
 * buckets, one partition per bucket, or null when that is not known.
 */
export function hashPartitioning(d: DPlan): readonly string[] | null {
  switch (d.kind) {
    case "exchange": {
      const names = d.keys.map((k) => keyColumn(k, d.schema));
      return names.every((n): n is string => n !== null) ? names : null;
    }
    case "map": {
      const below = hashPartitioning(d.input);
      return below === null ? null : carried(d.wrap(leafScan(LEAF, d.input.schema, LEAF)), below);
    }
    case "cache": return hashPartitioning(d.input);
    // A join keeps the rows of its left side where they were (of its right side for a right join).
    case "zip": {
      const how = combinedAs(d);
      if (how === "inner" || how === "left" || how === "semi" || how === "anti" || how === "except") return hashPartitioning(d.left);
      if (how === "right") return hashPartitioning(d.right);
      return null;
    }
    // Every task joins its own partition of the big side with all of the small one.
    case "broadcast": return d.small === "right" ? hashPartitioning(d.left) : null;
    // Inputs conform to the union's names, so aligned inputs partitioned alike keep it.
    case "union": {
      if (!d.aligned || d.inputs.length === 0) return null;
      const first = hashPartitioning(d.inputs[0]!);
      const same = (p: readonly string[] | null) => p !== null && first !== null && p.length === first.length && p.every((n, i) => n === first[i]);
      return d.inputs.every((i) => same(hashPartitioning(i))) ? first : null;
    }
    case "scan": case "values": case "gather": return null;
  }
}

/**
 * Whether `d`'s partitions are hash-partitioned on some of `columns`: then rows equal on `columns`
 * are in one partition, and a grouping or distinct on them needs no exchange.
 */
export function partitionedWithin(d: DPlan, columns: readonly string[]): boolean {
  const have = hashPartitioning(d);
  return have !== null && have.length > 0 && have.every((n) => columns.includes(n));
}

/** How a zip combines its sides: the join type, or "except". */
function combinedAs(d: Extract<DPlan, { kind: "zip" }>): string | null {
  const probe = d.combine(leafScan("l", d.left.schema, "l"), leafScan("r", d.right.schema, "r"));
  return probe.kind === "join" ? probe.how : probe.kind === "except" ? "except" : null;
}

/**
 * `d` hash-exchanged on `keys`, or `d` itself when its partitions already are: then rows with equal
 * keys are already in the same bucket, hashed as the exchange would hash them.
 */
export function exchangeUnlessPartitioned(d: DPlan, keys: readonly Expr[], dedupe: Extract<PartialStep, { kind: "distinct" }> | null = null): DPlan {
  const want = keys.map((k) => keyColumn(k, d.schema));
  const have = hashPartitioning(d);
  if (have !== null && want.length === have.length && want.every((n, i) => n === have[i])) return d;
  // A union is exchanged input by input (its inputs share its names): inputs already partitioned on
  // the keys pass as they are, and partition i of the result unites partition i of every input.
  if (d.kind === "union" && !d.aligned && d.inputs.length > 0) {
    return D.union(d.inputs.map((i) => exchangeUnlessPartitioned(i, keys, dedupe)), d.schema, true);
  }
  return D.exchange(d, keys, dedupe);
}

