// Lowers an optimized logical plan to a physical plan: columns resolved to indices, implicit
// casts explicit, join conditions split into hash keys and a residual, Sort+Limit fused to top-N.
import {
  AnalysisError, columnsOf, commonType, exprKey, exprName, resolveColumn, schema as makeSchema, splitConjunction,
} from "@lgde/core";
import type { AggregateNode, DataType, Expr, JoinNode, LogicalPlan, PlanKind, PlanOfKind, Schema } from "@lgde/core";
import { castTo, compileExpr } from "./eval/compile.js";
import { pexprColumns, remapColumns, type PExpr } from "./eval/pexpr.js";
import type { AggregateCallExec, HashAggregateExec } from "./operators/hash-aggregate.js";
import type { HashJoinExec, JoinOutputColumn } from "./operators/hash-join.js";
import type { PhysicalPlan } from "./physical-plan.js";

type Planner<K extends PlanKind> = (node: PlanOfKind<K>) => PhysicalPlan;

function andAll(parts: readonly PExpr[]): PExpr | null {
  if (parts.length === 0) return null;
  return parts.reduce((a, b) => ({ kind: "binary", op: "and", left: a, right: b, type: "bool" }));
}

function col(schema: Schema, index: number): PExpr {
  const f = schema.fields[index]!;
  return { kind: "column", index, name: f.name, type: f.type };
}

function aggregateResultType(fn: AggregateCallExec["fn"], args: readonly PExpr[]): DataType {
  switch (fn) {
    case "count": return "int64";
    case "sum": return args[0]?.type === "float64" ? "float64" : "int64";
    case "avg": return "float64";
    case "min": case "max": case "first": return args[0]?.type ?? "null";
  }
}

function planAggregate(node: AggregateNode): HashAggregateExec {
  const input = node.input.schema;
  const k = node.groupBy.length;
  const groupBy = node.groupBy.map((g) => compileExpr(g, { schema: input }));
  // Output expressions may name a grouping expression by its text (or its alias).
  const groupIndex = new Map<string, number>();
  node.groupBy.forEach((g, i) => {
    if (!groupIndex.has(exprName(g))) groupIndex.set(exprName(g), i);
    if (g.kind === "alias" && !groupIndex.has(exprName(g.input))) groupIndex.set(exprName(g.input), i);
  });
  const aggregates: AggregateCallExec[] = [];
  const aggIndex = new Map<string, number>();
  const substitute = (e: Expr): PExpr | undefined => {
    if (e.kind === "aggregate") {
      const key = exprKey(e);
      let at = aggIndex.get(key);
      if (at === undefined) {
        const args = e.args.map((a) => compileExpr(a, { schema: input }));
        at = aggregates.length;
        aggregates.push({ fn: e.fn, args, distinct: e.distinct, ignoreNulls: e.ignoreNulls, resultType: aggregateResultType(e.fn, args) });
        aggIndex.set(key, at);
      }
      return { kind: "column", index: k + at, name: exprName(e), type: aggregates[at]!.resultType };
    }
    if (e.kind === "literal" || e.kind === "alias") return undefined;
    const gi = groupIndex.get(exprName(e));
    return gi === undefined ? undefined : { kind: "column", index: gi, name: exprName(e), type: groupBy[gi]!.type };
  };
  // Column lookups outside grouping expressions fail with the group keys listed.
  const scope = { schema: makeSchema(node.schema.fields.slice(0, k)), substitute };
  const outputs = [
    ...groupBy.map((g, i) => castTo({ kind: "column", index: i, name: node.schema.fields[i]!.name, type: g.type }, node.schema.fields[i]!.type)),
    ...node.aggregates.map((a, i) => castTo(compileExpr(a, scope), node.schema.fields[k + i]!.type)),
  ];
  return { kind: "hash-aggregate", input: planPhysical(node.input), groupBy, aggregates, outputs, schema: node.schema };
}

function planJoin(node: JoinNode): HashJoinExec {
  const L = node.left.schema, R = node.right.schema;
  const nL = L.fields.length;
  const leftKeys: PExpr[] = [], rightKeys: PExpr[] = [], nullSafe: boolean[] = [];
  const using = new Set(node.using);
  // The columns the condition sees, as indices into left ++ right.
  const viewFields = [] as Schema["fields"][number][];
  const viewIndex: number[] = [];
  const output: JoinOutputColumn[] = [];
  for (const name of node.using) {
    const li = resolveColumn(L, name), ri = resolveColumn(R, name);
    const t = commonType(L.fields[li]!.type, R.fields[ri]!.type, `join key ${name}`);
    leftKeys.push(castTo(col(L, li), t));
    rightKeys.push(castTo(col(R, ri), t));
    nullSafe.push(false);
    viewFields.push({ ...L.fields[li]!, type: t });
    viewIndex.push(li);
    output.push(node.how === "full" ? { side: "coalesce", left: li, right: ri } : node.how === "right" ? { side: "right", index: ri } : { side: "left", index: li });
  }
  L.fields.forEach((f, i) => { if (!using.has(f.name)) { viewFields.push(f); viewIndex.push(i); output.push({ side: "left", index: i }); } });
  const withRight = node.how !== "semi" && node.how !== "anti";
  R.fields.forEach((f, i) => {
    if (using.has(f.name)) return;
    viewFields.push(f); viewIndex.push(nL + i);
    if (withRight) output.push({ side: "right", index: i });
  });
  if (output.length !== node.schema.fields.length) {
    throw new AnalysisError(`join produces ${output.length} columns but its schema has ${node.schema.fields.length} (${node.schema.fields.map((f) => f.name).join(", ")})`);
  }
  const residual: PExpr[] = [];
  if (node.on !== null) {
    const view = makeSchema(viewFields);
    for (const conj of splitConjunction(node.on)) {
      const pe = remapColumns(compileExpr(conj, { schema: view }), (i) => viewIndex[i]!);
      if (pe.kind === "binary" && (pe.op === "=" || pe.op === "<=>")) {
        const lc = [...pexprColumns(pe.left)], rc = [...pexprColumns(pe.right)];
        const leftOnly = (cs: number[]) => cs.length > 0 && cs.every((c) => c < nL);
        const rightOnly = (cs: number[]) => cs.length > 0 && cs.every((c) => c >= nL);
        const pair = leftOnly(lc) && rightOnly(rc) ? [pe.left, pe.right] : leftOnly(rc) && rightOnly(lc) ? [pe.right, pe.left] : null;
        if (pair) {
          leftKeys.push(pair[0]!);
          rightKeys.push(remapColumns(pair[1]!, (i) => i - nL));
          nullSafe.push(pe.op === "<=>");
          continue;
        }
      }
      residual.push(pe);
    }
  }
  return {
    kind: "hash-join", left: planPhysical(node.left), right: planPhysical(node.right), how: node.how,
    leftKeys, rightKeys, nullSafe, residual: andAll(residual), output, schema: node.schema,
  };
}

const PLANNERS: { readonly [K in PlanKind]: Planner<K> } = {
  scan: (node) => {
    const src = node.source.schema;
    let readColumns: string[] | null = null;
    if (node.projection !== null) {
      const wanted = new Set(node.projection);
      for (const f of node.filters) columnsOf(f, wanted);
      readColumns = src.fields.filter((f) => wanted.has(f.name)).map((f) => f.name);
    }
    const readSchema = readColumns === null ? src : makeSchema(src.fields.filter((f) => readColumns!.includes(f.name)));
    const predicate = andAll(node.filters.map((f) => castTo(compileExpr(f, { schema: readSchema }), "bool")));
    const outputIndices = node.schema.fields.map((f) => resolveColumn(readSchema, f.name));
    return { kind: "scan", source: node.source, readColumns, filters: node.filters, readSchema, predicate, outputIndices, schema: node.schema };
  },
  values: (node) => ({ kind: "values", batches: node.batches, schema: node.schema }),
  project: planProject,
  filter: planFilter,
  aggregate: planAggregate,
  join: planJoin,
  distinct: (node) => ({
    kind: "distinct",
    input: planPhysical(node.input),
    keys: node.columns === null ? null : node.columns.map((c) => resolveColumn(node.input.schema, c)),
    schema: node.schema,
  }),
  union: (node) => ({ kind: "union", inputs: node.inputs.map(planPhysical), schema: node.schema }),
  except: (node) => ({ kind: "except", left: planPhysical(node.left), right: planPhysical(node.right), schema: node.schema }),
  sort: (node) => planSort(node, null),
  limit: (node) => ({
    kind: "limit",
    // Sort under a limit only needs the top n rows.
    input: node.input.kind === "sort" ? planSort(node.input, node.n) : planPhysical(node.input),
    n: node.n,
    schema: node.schema,
  }),
};

/**
 * A Projection over a Filter or a filtered Scan: the filter keeps only the columns the projection
 * reads, so that the others are not copied for the rows that pass (`where(x).select(a)` over a wide
 * input; a column only the filter reads is dropped before the rows are selected).
 */
function planProject(node: PlanOfKind<"project">): PhysicalPlan {
  const exprs = node.exprs.map((e, i) => castTo(compileExpr(e, { schema: node.input.schema }), node.schema.fields[i]!.type));
  const input = planPhysical(node.input);
  const used = new Set<number>();
  for (const e of exprs) pexprColumns(e, used);
  const narrowable = (input.kind === "filter" && input.columns === null) || (input.kind === "scan" && input.predicate !== null);
  if (!narrowable || used.size === input.schema.fields.length) return { kind: "project", input, exprs, schema: node.schema };
  const keep = [...used].sort((a, b) => a - b);
  const at = new Map(keep.map((c, k) => [c, k]));
  const schema = makeSchema(keep.map((c) => input.schema.fields[c]!));
  const narrowed: PhysicalPlan = input.kind === "scan"
    ? { ...input, outputIndices: keep.map((c) => input.outputIndices[c]!), schema }
    : { ...input, columns: keep, schema };
  return { kind: "project", input: narrowed, exprs: exprs.map((e) => remapColumns(e, (i) => at.get(i)!)), schema: node.schema };
}

/**
 * A Filter over a Scan repeats the conjuncts the optimizer pushed into the scan (pushed filters are hints
 * to the source), but the ScanExec re-applies every pushed filter exactly: only the other conjuncts are
 * checked again, and a Filter with none left is just the scan.
 */
function planFilter(node: PlanOfKind<"filter">): PhysicalPlan {
  const input = planPhysical(node.input);
  const schema = node.input.schema;
  if (node.input.kind === "scan" && node.input.filters.length > 0) {
    const pushed = new Set(node.input.filters.map((f) => exprKey(f)));
    const conjuncts = splitConjunction(node.predicate);
    const rest = conjuncts.filter((c) => !pushed.has(exprKey(c)));
    if (rest.length === 0) return input;
    if (rest.length < conjuncts.length) {
      const predicate = andAll(rest.map((c) => castTo(compileExpr(c, { schema }), "bool")))!;
      return { kind: "filter", input, predicate, columns: null, schema: node.schema };
    }
  }
  return { kind: "filter", input, predicate: castTo(compileExpr(node.predicate, { schema }), "bool"), columns: null, schema: node.schema };
}

function planSort(node: PlanOfKind<"sort">, limit: number | null): PhysicalPlan {
  return {
    kind: "sort",
    input: planPhysical(node.input),
    orders: node.orders.map((o) => ({ expr: compileExpr(o.expr, { schema: node.input.schema }), ascending: o.ascending, nullsFirst: o.nullsFirst })),
    limit,
    schema: node.schema,
  };
}

/** Decides how a logical node is planned (e.g. shared with its other occurrences); `make` plans it normally. */
export type PlanningHook = (node: LogicalPlan, make: () => PhysicalPlan) => PhysicalPlan;

// Planning is synchronous, so one hook at a time is in force.
let hook: PlanningHook | null = null;

/** Runs `fn` with `h` deciding how every node planned meanwhile is planned. */
export function withPlanningHook<T>(h: PlanningHook, fn: () => T): T {
  const outer = hook;
  hook = h;
  try {
    return fn();
  } finally {
    hook = outer;
  }
}

/** The physical plan of an (optimized) logical plan. AnalysisError for unresolvable columns. */
export function planPhysical(plan: LogicalPlan): PhysicalPlan {
  const make = () => (PLANNERS[plan.kind] as Planner<PlanKind>)(plan as never);
  return hook === null ? make() : hook(plan, make);
}
