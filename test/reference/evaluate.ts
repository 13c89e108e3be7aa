// The reference evaluator: runs a LogicalPlan row by row, written to be obviously right, not fast.
import type { DataType, Expr, Field, LogicalPlan, PlanOfKind, Schema, Value } from "@lgde/core";
import { evalExpr, type EvalContext } from "./eval-expr.js";
import { batchesToRows, compareValues, rowKey, type Row, type Table } from "./rows.js";
import { columnIndex, typeOf } from "./types.js";

/** Options of the reference evaluator. */
export interface ReferenceOptions {
  /** The session zone for time functions (Spark's `spark.sql.session.timeZone`). */
  readonly timeZone?: string;
  /** Rows of a scan node; scans fail without it. */
  readonly scan?: (node: PlanOfKind<"scan">) => readonly Row[];
}

interface Ctx {
  readonly timeZone: string;
  readonly scan?: ReferenceOptions["scan"];
}

/** Evaluates a plan to its rows, in the order a naive engine produces them. */
export function evaluate(plan: LogicalPlan, options: ReferenceOptions = {}): Table {
  return run(plan, { timeZone: options.timeZone ?? "UTC", scan: options.scan });
}

function outputName(e: Expr): string {
  switch (e.kind) {
    case "alias": return e.name;
    case "column": return e.name;
    default: return "";
  }
}

/** Checks that the reference agrees with the plan on column names and types; returns the plan's schema. */
function checkSchema(node: LogicalPlan, computed: readonly { name: string | null; type: DataType }[]): Schema {
  const fields = node.schema.fields;
  const problem = (why: string): Error =>
    new Error(`reference: ${node.kind} node's schema [${fields.map((f) => `${f.name}: ${f.type}`).join(", ")}] ${why}`);
  if (fields.length !== computed.length) throw problem(`has ${fields.length} columns, the reference computes ${computed.length}`);
  computed.forEach((c, i) => {
    const f: Field = fields[i]!;
    if (c.name !== null && c.name !== "" && c.name !== f.name) throw problem(`names column ${i} "${f.name}", the reference "${c.name}"`);
    if (c.type !== "null" && f.type !== c.type) throw problem(`types column ${i} "${f.name}" ${f.type}, the reference ${c.type}`);
  });
  return node.schema;
}

const sameSchema = (s: Schema) => s.fields.map((f) => ({ name: f.name, type: f.type }));

function run(plan: LogicalPlan, ctx: Ctx): Table {
  switch (plan.kind) {
    case "values":
      return { schema: plan.schema, rows: batchesToRows(plan.batches, plan.schema) };
    case "scan": {
      if (!ctx.scan) throw new Error(`reference: scan of ${plan.source.description} needs options.scan`);
      const rows = ctx.scan(plan);
      if (plan.projection === null) return { schema: plan.schema, rows };
      const idx = plan.projection.map((n) => columnIndex(plan.source.schema, n));
      return { schema: plan.schema, rows: rows.map((r) => idx.map((i) => r[i] ?? null)) };
    }
    case "project": {
      const input = run(plan.input, ctx);
      const ec: EvalContext = { schema: input.schema, timeZone: ctx.timeZone };
      const schema = checkSchema(plan, plan.exprs.map((e) => ({ name: outputName(e), type: typeOf(e, input.schema) })));
      return { schema, rows: input.rows.map((r) => plan.exprs.map((e) => evalExpr(e, r, ec))) };
    }
    case "filter": {
      const input = run(plan.input, ctx);
      const ec: EvalContext = { schema: input.schema, timeZone: ctx.timeZone };
      return { schema: checkSchema(plan, sameSchema(input.schema)), rows: input.rows.filter((r) => evalExpr(plan.predicate, r, ec) === true) };
    }
    case "aggregate": return aggregate(plan, run(plan.input, ctx), ctx);
    case "join": return join(plan, run(plan.left, ctx), run(plan.right, ctx), ctx);
    case "distinct": {
      const input = run(plan.input, ctx);
      const idx = plan.columns === null ? input.schema.fields.map((_, i) => i) : plan.columns.map((n) => columnIndex(input.schema, n));
      const seen = new Set<string>();
      const rows = input.rows.filter((r) => {
        const k = rowKey(idx.map((i) => r[i] ?? null));
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      return { schema: checkSchema(plan, sameSchema(input.schema)), rows };
    }
    case "union": {
      const inputs = plan.inputs.map((p) => run(p, ctx));
      // union is by position: names come from the first input, types may widen
      checkSchema(plan, inputs[0]!.schema.fields.map((f) => ({ name: f.name, type: "null" as DataType })));
      return { schema: plan.schema, rows: inputs.flatMap((t) => t.rows) };
    }
    case "except": {
      const left = run(plan.left, ctx);
      const right = run(plan.right, ctx);
      const inRight = new Set(right.rows.map((r) => rowKey(r)));
      const seen = new Set<string>();
      const rows = left.rows.filter((r) => {
        const k = rowKey(r);
        if (inRight.has(k) || seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      return { schema: checkSchema(plan, sameSchema(left.schema).map((f) => ({ ...f, type: "null" as DataType }))), rows };
    }
    case "sort": {
      const input = run(plan.input, ctx);
      const ec: EvalContext = { schema: input.schema, timeZone: ctx.timeZone };
      const keyed = input.rows.map((r, i) => ({ r, i, keys: plan.orders.map((o) => evalExpr(o.expr, r, ec)) }));
      keyed.sort((a, b) => {
        for (let k = 0; k < plan.orders.length; k++) {
          const c = compareWithOrder(a.keys[k]!, b.keys[k]!, plan.orders[k]!);
          if (c !== 0) return c;
        }
        return a.i - b.i; // stable
      });
      return { schema: checkSchema(plan, sameSchema(input.schema)), rows: keyed.map((x) => x.r) };
    }
    case "limit": {
      const input = run(plan.input, ctx);
      return { schema: checkSchema(plan, sameSchema(input.schema)), rows: input.rows.slice(0, Math.max(0, plan.n)) };
    }
  }
}

/** Compares two sort-key values under one order (direction and null placement). */
export function compareWithOrder(a: Value, b: Value, order: { ascending: boolean; nullsFirst: boolean }): number {
  if (a === null || b === null) {
    if (a === null && b === null) return 0;
    return (a === null) === order.nullsFirst ? -1 : 1;
  }
  const c = compareValues(a, b);
  return order.ascending ? c : -c;
}

function aggregate(plan: PlanOfKind<"aggregate">, input: Table, ctx: Ctx): Table {
  const ec: EvalContext = { schema: input.schema, timeZone: ctx.timeZone };
  // groups in first-seen order; nulls in keys group together
  const groups = new Map<string, Row[]>();
  for (const r of input.rows) {
    const k = rowKey(plan.groupBy.map((g) => evalExpr(g, r, ec)));
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  // no keys: exactly one row even for an empty input
  if (plan.groupBy.length === 0 && groups.size === 0) groups.set("", []);
  const nullRow: Row = input.schema.fields.map(() => null);
  const rows: Row[] = [];
  for (const group of groups.values()) {
    const first = group[0] ?? nullRow;
    const gc: EvalContext = { ...ec, group };
    rows.push([...plan.groupBy.map((g) => evalExpr(g, first, ec)), ...plan.aggregates.map((a) => evalExpr(a, first, gc))]);
  }
  const computed = [...plan.groupBy, ...plan.aggregates].map((e) => ({ name: outputName(e), type: typeOf(e, input.schema) }));
  return { schema: checkSchema(plan, computed), rows };
}

function join(plan: PlanOfKind<"join">, left: Table, right: Table, ctx: Ctx): Table {
  const combined: Schema = { fields: [...left.schema.fields, ...right.schema.fields] };
  const ec: EvalContext = { schema: combined, timeZone: ctx.timeZone };
  const lk = plan.using.map((n) => columnIndex(left.schema, n));
  const rk = plan.using.map((n) => columnIndex(right.schema, n));
  const lNulls: Row = left.schema.fields.map(() => null);
  const rNulls: Row = right.schema.fields.map(() => null);
  const semi = plan.how === "semi" || plan.how === "anti";
  const lRest = left.schema.fields.map((_, i) => i).filter((i) => !lk.includes(i));
  const rRest = right.schema.fields.map((_, i) => i).filter((i) => !rk.includes(i));
  const usingEc: EvalContext = {
    schema: { fields: [...lk, ...lRest].map((i) => left.schema.fields[i]!).concat(rRest.map((i) => right.schema.fields[i]!)) },
    timeZone: ctx.timeZone,
  };
  const matches = (l: Row, r: Row): boolean => {
    for (let i = 0; i < lk.length; i++) {
      const a = l[lk[i]!] ?? null;
      const b = r[rk[i]!] ?? null;
      // null keys never match
      if (a === null || b === null || compareValues(a, b) !== 0) return false;
    }
    if (plan.on === null) return true;
    // with using-columns the condition sees the inner join's output (keys once), as core types it
    if (plan.using.length) return evalExpr(plan.on, [...lk.map((i) => l[i]!), ...lRest.map((i) => l[i]!), ...rRest.map((i) => r[i]!)], usingEc) === true;
    return evalExpr(plan.on, [...l, ...r], ec) === true;
  };
  const out = (l: Row, r: Row, lMissing: boolean, rMissing: boolean): Row => {
    if (semi) return plan.using.length ? [...lk.map((i) => l[i]!), ...lRest.map((i) => l[i]!)] : l;
    if (!plan.using.length) return [...l, ...r];
    const keys = lk.map((li, j) => {
      const a = l[li] ?? null;
      const b = r[rk[j]!] ?? null;
      if (plan.how === "right") return b;
      if (plan.how === "full") return lMissing ? b : rMissing ? a : a ?? b;
      return a;
    });
    return [...keys, ...lRest.map((i) => l[i]!), ...rRest.map((i) => r[i]!)];
  };
  const rows: Row[] = [];
  const rightMatched = new Array<boolean>(right.rows.length).fill(false);
  for (const l of left.rows) {
    let any = false;
    right.rows.forEach((r, j) => {
      if (!matches(l, r)) return;
      any = true;
      rightMatched[j] = true;
      if (!semi) rows.push(out(l, r, false, false));
    });
    if (plan.how === "semi" && any) rows.push(out(l, rNulls, false, true));
    if (plan.how === "anti" && !any) rows.push(out(l, rNulls, false, true));
    if (!any && (plan.how === "left" || plan.how === "full")) rows.push(out(l, rNulls, false, true));
  }
  if (plan.how === "right" || plan.how === "full") {
    right.rows.forEach((r, j) => {
      if (!rightMatched[j]) rows.push(out(lNulls, r, true, false));
    });
  }
  const lf = left.schema.fields;
  const rf = right.schema.fields;
  const computed = semi
    ? (plan.using.length ? [...lk, ...lRest] : lf.map((_, i) => i)).map((i) => ({ name: lf[i]!.name, type: lf[i]!.type }))
    : plan.using.length
      ? [...lk.map((i) => ({ name: lf[i]!.name, type: "null" as DataType })),
        ...lRest.map((i) => ({ name: lf[i]!.name, type: lf[i]!.type })),
        ...rRest.map((i) => ({ name: rf[i]!.name, type: rf[i]!.type }))]
      : [...lf, ...rf].map((f) => ({ name: f.name, type: f.type }));
  return { schema: checkSchema(plan, computed), rows };
}
