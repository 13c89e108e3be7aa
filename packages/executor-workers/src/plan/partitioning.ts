// Which columns a distributed plan's partitions are already hash-partitioned on, so that a join or
// subtract on those columns does not exchange that side again (Spark's outputPartitioning).
import type { Expr, LogicalPlan, Schema } from "@lgde/core";
import { D, leafScan, type DPlan } from "./dplan.js";

/** The column that a key hashes as: a column, or a cast of one to its own type (the exchange strips it). */
function keyColumn(k: Expr, s: Schema): string | null {
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
      const names = d.keys.map((k) => keyColumn(k, d.input.schema));
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
    case "scan": case "values": case "union": case "gather": return null;
  }
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
export function exchangeUnlessPartitioned(d: DPlan, keys: readonly Expr[]): DPlan {
  const want = keys.map((k) => keyColumn(k, d.schema));
  const have = hashPartitioning(d);
  if (have !== null && want.length === have.length && want.every((n, i) => n === have[i])) return d;
  return D.exchange(d, keys);
}

