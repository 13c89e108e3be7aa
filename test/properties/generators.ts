// fast-check generators of schemas, tables with nulls and skewed keys, typed expressions and logical plans.
// Shared by the property suites of every executor (local now, workers later).
import fc from "fast-check";
import {
  Aggregate, Distinct, E, Except, Filter, Join, Limit, Project, Sort, Union, Values, field, schema,
  type DataType, type Expr, type JoinType, type LogicalPlan, type Schema, type Value,
} from "@lgde/core";
import { rowsToBatch, type Row } from "../reference/rows.js";

/** The column types the generators produce. */
export const GEN_TYPES = ["int32", "int64", "float64", "utf8", "bool"] as const;
export type GenType = (typeof GEN_TYPES)[number];

/** A generated table: its schema, rows, and how the rows are cut into record batches. */
export interface GenTable {
  readonly schema: Schema;
  readonly rows: readonly Row[];
  /** Sizes of the record batches the rows are split into (the last one takes the rest). */
  readonly batchSize: number;
}

const STRINGS = ["", "a", "b", "ab", "B", "é", "한", " a "];

/**
 * A non-null value of a type. Small, skewed domains so that keys collide; floats are multiples of 1/4,
 * so sums are exact whatever the order (and NaN/-0 never appear in data).
 */
export function arbNonNullValue(type: GenType): fc.Arbitrary<Value> {
  switch (type) {
    case "int32":
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }) });
    // Products need 64 bits, yet the deepest generated arithmetic (four factors) stays within 2^53,
    // where the reference evaluator computes exactly; int32 overflow is exercised by the int32 columns.
    case "int64":
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: -9_000, max: 9_000 }) });
    case "float64":
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -12, max: 12 }).map((k) => k / 4) },
        { weight: 1, arbitrary: fc.integer({ min: -4000, max: 4000 }).map((k) => k / 4) },
      );
    case "utf8":
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...STRINGS) }, { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("a", "b", "c", "Z", "ß"), maxLength: 4 }) });
    case "bool":
      return fc.boolean();
  }
}

/** A value of a field: null about one time in five when the field is nullable. */
export function arbValue(type: GenType, nullable: boolean): fc.Arbitrary<Value> {
  const v = arbNonNullValue(type);
  return nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: v }) : v;
}

/** A schema of 1..maxColumns columns named `${prefix}0`, `${prefix}1`, ... */
export function arbSchema(prefix: string, maxColumns = 4): fc.Arbitrary<Schema> {
  return fc
    .array(fc.record({ type: fc.constantFrom(...GEN_TYPES), nullable: fc.boolean() }), { minLength: 1, maxLength: maxColumns })
    .map((cols) => schema(cols.map((c, i) => field(`${prefix}${i}`, c.type, c.nullable))));
}

/** Rows for a schema (0..maxRows, empty tables included). */
export function arbRows(s: Schema, maxRows = 25): fc.Arbitrary<Row[]> {
  const row = fc.tuple(...s.fields.map((f) => arbValue(f.type as GenType, f.nullable)));
  return fc.array(row, { maxLength: maxRows, size: "+1" }) as fc.Arbitrary<Row[]>;
}

/** A table for a schema, cut into batches of a random size. */
export function arbTableOf(s: Schema, maxRows = 25): fc.Arbitrary<GenTable> {
  return fc.record({ rows: arbRows(s, maxRows), batchSize: fc.integer({ min: 1, max: 10 }) }).map((t) => ({ schema: s, ...t }));
}

/** A table with a generated schema. */
export function arbTable(prefix: string, maxRows = 25, maxColumns = 4): fc.Arbitrary<GenTable> {
  return arbSchema(prefix, maxColumns).chain((s) => arbTableOf(s, maxRows));
}

/** The Values node of a table: its rows in record batches of `batchSize` (none for an empty table). */
export function valuesOf(t: GenTable): LogicalPlan {
  const batches = [];
  for (let i = 0; i < t.rows.length; i += t.batchSize) batches.push(rowsToBatch(t.schema, t.rows.slice(i, i + t.batchSize)));
  return Values.create(batches, t.schema);
}

// ---------------------------------------------------------------- expressions

/** An expression and its type. */
export interface Typed {
  readonly expr: Expr;
  readonly type: DataType;
}

const columnsOfType = (s: Schema, ok: (t: DataType) => boolean): Typed[] =>
  s.fields.filter((f) => ok(f.type)).map((f) => ({ expr: E.column(f.name), type: f.type }));

const isNum = (t: DataType) => t === "int32" || t === "int64" || t === "float64";

function leaf(s: Schema, ok: (t: DataType) => boolean, literal: fc.Arbitrary<Typed>): fc.Arbitrary<Typed> {
  const cols = columnsOfType(s, ok);
  return cols.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...cols) }, { weight: 1, arbitrary: literal }) : literal;
}

const numLiteral: fc.Arbitrary<Typed> = fc.oneof(
  fc.integer({ min: -3, max: 5 }).map((n) => ({ expr: E.literal(n), type: "int32" as DataType })),
  fc.integer({ min: -8, max: 8 }).map((k) => ({ expr: E.literal(k / 4 + 0.5, "float64"), type: "float64" as DataType })),
  fc.constant({ expr: E.literal(null, "int32"), type: "int32" as DataType }),
);
const strLiteral: fc.Arbitrary<Typed> = fc.oneof(
  fc.constantFrom(...STRINGS).map((v) => ({ expr: E.literal(v), type: "utf8" as DataType })),
  fc.constant({ expr: E.literal(null, "utf8"), type: "utf8" as DataType }),
);
const boolLiteral: fc.Arbitrary<Typed> = fc.constantFrom(true, false, null).map((v) => ({ expr: E.literal(v, "bool"), type: "bool" as DataType }));

const wider = (a: DataType, b: DataType): DataType => {
  const rank = { int32: 1, int64: 2, float64: 3 } as Record<string, number>;
  return (rank[a] ?? 0) >= (rank[b] ?? 0) ? a : b;
};

/** A numeric expression (arithmetic, negation, casts, case, coalesce, abs, length). */
export function arbNumeric(s: Schema, depth: number): fc.Arbitrary<Typed> {
  const base = leaf(s, isNum, numLiteral);
  if (depth <= 0) return base;
  const sub = arbNumeric(s, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: base },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom("+", "-", "*", "/", "%" as const), sub, sub).map(([op, a, b]) => ({
        expr: E.binary(op, a.expr, b.expr), type: op === "/" ? "float64" : wider(a.type, b.type),
      })),
    },
    { weight: 1, arbitrary: sub.map((a) => ({ expr: E.negate(a.expr), type: a.type })) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.oneof(sub, arbBool(s, depth - 1)), fc.constantFrom<DataType>("int32", "int64", "float64"))
        .map(([a, to]) => ({ expr: E.cast(a.expr, to), type: to })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(arbBool(s, depth - 1), sub, fc.option(sub)).map(([c, a, b]) => ({
        expr: E.caseWhen([{ when: c.expr, then: a.expr }], b ? b.expr : null), type: b ? wider(a.type, b.type) : a.type,
      })),
    },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => ({ expr: E.call("coalesce", [a.expr, b.expr]), type: wider(a.type, b.type) })) },
    { weight: 1, arbitrary: sub.map((a) => ({ expr: E.call("abs", [a.expr]), type: a.type })) },
    { weight: 1, arbitrary: arbString(s, depth - 1).map((a) => ({ expr: E.call("length", [a.expr]), type: "int32" as DataType })) },
  );
}

/** A string expression (lower/upper/concat/substring/trim, casts of numbers and booleans). */
export function arbString(s: Schema, depth: number): fc.Arbitrary<Typed> {
  const base = leaf(s, (t) => t === "utf8", strLiteral);
  if (depth <= 0) return base;
  const sub = arbString(s, depth - 1);
  const t = (expr: Expr): Typed => ({ expr, type: "utf8" });
  return fc.oneof(
    { weight: 3, arbitrary: base },
    { weight: 1, arbitrary: sub.map((a) => t(E.call("upper", [a.expr]))) },
    { weight: 1, arbitrary: sub.map((a) => t(E.call("lower", [a.expr]))) },
    { weight: 1, arbitrary: sub.map((a) => t(E.call("trim", [a.expr]))) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => t(E.call("concat", [a.expr, b.expr]))) },
    {
      weight: 1,
      arbitrary: fc.tuple(sub, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -1, max: 3 }))
        .map(([a, p, l]) => t(E.call("substring", [a.expr, E.literal(p), E.literal(l)]))),
    },
    { weight: 2, arbitrary: fc.oneof(arbNumeric(s, depth - 1), arbBool(s, depth - 1)).map((a) => t(E.cast(a.expr, "utf8"))) },
  );
}

/** A boolean expression: comparisons, and/or/not, isNull, in, boolean columns. */
export function arbBool(s: Schema, depth: number): fc.Arbitrary<Typed> {
  const base = leaf(s, (t) => t === "bool", boolLiteral);
  const t = (expr: Expr): Typed => ({ expr, type: "bool" });
  const cmpOp = fc.constantFrom("=", "!=", "<", "<=", ">", ">=", "<=>" as const);
  const d = Math.max(0, depth - 1);
  const comparison = fc.oneof(
    fc.tuple(cmpOp, arbNumeric(s, d), arbNumeric(s, d)),
    fc.tuple(cmpOp, arbString(s, d), arbString(s, d)),
    fc.tuple(cmpOp, base, base),
  ).map(([op, a, b]) => t(E.binary(op, a.expr, b.expr)));
  const anyLeaf = leaf(s, () => true, fc.oneof(numLiteral, strLiteral));
  const isNull = fc.tuple(depth <= 0 ? anyLeaf : arbAny(s, d), fc.boolean()).map(([a, neg]) => t(E.isNull(a.expr, neg)));
  const inList = fc.tuple(arbNumeric(s, 0), fc.array(numLiteral, { minLength: 1, maxLength: 3 }))
    .map(([a, list]) => t(E.in(a.expr, list.map((l) => l.expr))));
  if (depth <= 0) return fc.oneof(base, comparison, isNull);
  const sub = arbBool(s, depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: base },
    { weight: 4, arbitrary: comparison },
    { weight: 1, arbitrary: isNull },
    { weight: 1, arbitrary: inList },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("and", "or" as const), sub, sub).map(([op, a, b]) => t(E.binary(op, a.expr, b.expr))) },
    { weight: 1, arbitrary: sub.map((a) => t(E.not(a.expr))) },
  );
}

/** An expression of any generated type. */
export function arbAny(s: Schema, depth: number): fc.Arbitrary<Typed> {
  return fc.oneof(arbNumeric(s, depth), arbString(s, depth), arbBool(s, depth));
}

// ---------------------------------------------------------------- plans

/** Options of the plan generator. */
export interface PlanOptions {
  /** Operators stacked on the base table (each may itself take a second input). */
  readonly maxOps?: number;
  /** Rows of the base table. */
  readonly maxRows?: number;
  /** Operators to choose from (all by default). */
  readonly ops?: readonly PlanOp[];
}

/** The operators the plan generator can stack. */
export const PLAN_OPS = [
  "filter", "project", "aggregate", "join", "distinct", "dropDuplicates", "union", "subtract", "sort", "sortLimit",
] as const;
export type PlanOp = (typeof PLAN_OPS)[number];

const JOIN_TYPES: readonly JoinType[] = ["inner", "left", "right", "full", "semi", "anti", "cross"];

/** Aliases every non-column expression with `name`, so every output name is unique and plain. */
const named = (e: Expr, name: string): Expr => (e.kind === "column" ? e : E.alias(e, name));

function arbFilter(p: LogicalPlan): fc.Arbitrary<LogicalPlan> {
  return fc.integer({ min: 0, max: 2 }).chain((d) => arbBool(p.schema, d)).map((b) => Filter.create(p, b.expr));
}

function arbProject(p: LogicalPlan, level: number): fc.Arbitrary<LogicalPlan> {
  const s = p.schema;
  const item = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...s.fields.map((f) => E.column(f.name) as Expr)) }, { weight: 3, arbitrary: arbAny(s, 2).map((t) => t.expr) });
  return fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => {
    // a column may be listed once; computed items get fresh names
    const seen = new Set<string>();
    const exprs = items
      .map((e, i) => named(e, `p${level}_${i}`))
      .filter((e) => {
        const n = e.kind === "column" ? e.name : e.kind === "alias" ? e.name : "";
        if (seen.has(n)) return false;
        seen.add(n);
        return true;
      });
    return Project.create(p, exprs);
  });
}

function arbAggregateCall(s: Schema): fc.Arbitrary<Expr> {
  const cols = s.fields.map((f) => E.column(f.name));
  const numeric = arbNumeric(s, 1).map((t) => t.expr);
  const calls: fc.Arbitrary<Expr> = fc.oneof(
    fc.constant(E.aggregate("count", [])),
    fc.constantFrom(...cols).map((c) => E.aggregate("count", [c])),
    fc.constantFrom(...cols).map((c) => E.aggregate("count", [c], { distinct: true })),
    fc.tuple(numeric, fc.boolean()).map(([e, distinct]) => E.aggregate("sum", [e], { distinct })),
    numeric.map((e) => E.aggregate("avg", [e])),
    fc.tuple(fc.constantFrom("min", "max" as const), fc.constantFrom(...cols)).map(([fn, c]) => E.aggregate(fn, [c])),
    fc.tuple(fc.constantFrom("min", "max" as const), arbString(s, 1)).map(([fn, c]) => E.aggregate(fn, [c.expr])),
  );
  // now and then an aggregate inside a scalar expression
  return fc.oneof(
    { weight: 5, arbitrary: calls },
    { weight: 1, arbitrary: fc.tuple(calls, fc.integer({ min: 0, max: 3 })).map(([c, n]) => E.binary("+", E.aggregate("count", []), E.binary("*", E.literal(n), E.cast(E.isNull(c, false), "int32")))) },
  );
}

function arbAggregate(p: LogicalPlan, level: number): fc.Arbitrary<LogicalPlan> {
  const s = p.schema;
  const key: fc.Arbitrary<Expr> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...s.fields.map((f) => E.column(f.name) as Expr)) },
    { weight: 1, arbitrary: arbAny(s, 1).map((t) => t.expr) },
  );
  return fc.tuple(fc.array(key, { maxLength: 2 }), fc.array(arbAggregateCall(s), { minLength: 1, maxLength: 3 })).map(([keys, aggs]) => {
    const seen = new Set<string>();
    const groupBy = keys.map((k, i) => named(k, `g${level}_${i}`)).filter((k) => {
      const n = k.kind === "column" ? k.name : "";
      if (n && seen.has(n)) return false;
      seen.add(n);
      return true;
    });
    return Aggregate.create(p, groupBy, aggs.map((a, i) => E.alias(a, `a${level}_${i}`)));
  });
}

function arbJoin(p: LogicalPlan, level: number): fc.Arbitrary<LogicalPlan> {
  const prefix = `r${level}_`;
  const keyFields = p.schema.fields;
  return fc
    .tuple(
      arbSchema(prefix, 3),
      fc.constantFrom(...keyFields),
      fc.constantFrom(...JOIN_TYPES),
      fc.constantFrom("using", "on", "on+"),
      fc.boolean(),
    )
    .chain(([rs, key, how, style, keyNullable]) => {
      // the right side has a column typed like the left key, named like it for `using`
      const keyName = style === "using" && how !== "cross" ? key.name : `${prefix}k`;
      const rightSchema = schema([field(keyName, key.type, keyNullable), ...rs.fields]);
      return fc.tuple(arbTableOf(rightSchema, 8), arbBool(schema([...p.schema.fields, ...rightSchema.fields]), 1)).map(([rt, extra]) => {
        const right = valuesOf(rt);
        if (how === "cross") return Join.create(p, right, "cross", null, []);
        if (style === "using") return Join.create(p, right, how, null, [key.name]);
        const eq = E.binary("=", E.column(key.name), E.column(keyName));
        return Join.create(p, right, how, style === "on+" ? E.binary("and", eq, extra.expr) : eq, []);
      });
    });
}

function arbSecondInput(p: LogicalPlan): fc.Arbitrary<LogicalPlan> {
  // same column types: fresh rows, the input itself, or the input filtered
  return fc.oneof(
    arbTableOf(p.schema, 10).map(valuesOf),
    fc.constant(p),
    arbBool(p.schema, 1).map((b) => Filter.create(p, b.expr)),
  );
}

/** Sort orders over every column (a total order on distinct rows), in a random column order. */
function arbTotalOrder(s: Schema) {
  return fc
    .tuple(fc.shuffledSubarray(s.fields.map((f) => f.name), { minLength: s.fields.length }), fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: s.fields.length, maxLength: s.fields.length }))
    .map(([names, dirs]) => names.map((n, i) => E.sortOrder(E.column(n), dirs[i]![0], dirs[i]![1])));
}

function arbOp(p: LogicalPlan, level: number, ops: readonly PlanOp[]): fc.Arbitrary<LogicalPlan> {
  const byOp: Record<PlanOp, () => fc.Arbitrary<LogicalPlan>> = {
    filter: () => arbFilter(p),
    project: () => arbProject(p, level),
    aggregate: () => arbAggregate(p, level),
    join: () => arbJoin(p, level),
    distinct: () => fc.constant(Distinct.create(p, null)),
    // dropDuplicates keeps an arbitrary row per key: keep only the key columns so the result is deterministic
    dropDuplicates: () =>
      fc.subarray(p.schema.fields.map((f) => f.name), { minLength: 1 }).map((cols) =>
        Project.create(Distinct.create(p, cols), cols.map((c) => E.column(c)))),
    union: () => arbSecondInput(p).map((q) => Union.create([p, q])),
    subtract: () => arbSecondInput(p).map((q) => Except.create(p, q)),
    sort: () =>
      fc.subarray(p.schema.fields.map((f) => f.name), { minLength: 1 }).chain((cols) =>
        fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: cols.length, maxLength: cols.length })
          .map((d) => Sort.create(p, cols.map((c, i) => E.sortOrder(E.column(c), d[i]![0], d[i]![1]))))),
    sortLimit: () => fc.tuple(arbTotalOrder(p.schema), fc.integer({ min: 0, max: 12 })).map(([o, n]) => Limit.create(Sort.create(p, o), n)),
  };
  return fc.constantFrom(...ops).chain((op) => byOp[op]());
}

function arbOps(p: LogicalPlan, remaining: number, level: number, ops: readonly PlanOp[]): fc.Arbitrary<LogicalPlan> {
  if (remaining <= 0) return fc.constant(p);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(p) },
    { weight: 4, arbitrary: arbOp(p, level, ops).chain((q) => arbOps(q, remaining - 1, level + 1, ops)) },
  );
}

/** A logical plan: a Values table under up to `maxOps` generated operators. */
export function arbPlan(options: PlanOptions = {}): fc.Arbitrary<LogicalPlan> {
  const ops = options.ops ?? PLAN_OPS;
  return arbTable("c", options.maxRows ?? 25).chain((t) => arbOps(valuesOf(t), options.maxOps ?? 3, 1, ops));
}

/**
 * Plans that read one generated sub-plan from several places, as a DataFrame used twice is read:
 * unions of it, a set difference and a semi join against itself, a shared sub-plan inside another, a
 * distinct beside a filtered copy of that distinct, and a limited read that stops early before a full
 * one. Every shape's answer is independent of row order (a limit only feeds a count), so any executor
 * can be compared with the reference.
 */
export function arbSharedPlan(options: PlanOptions = {}): fc.Arbitrary<LogicalPlan> {
  const base = arbPlan({ ops: ["filter", "project", "aggregate", "join", "distinct", "dropDuplicates", "sort"], maxOps: 3, ...options });
  const shapes = ["union", "except", "semi", "nested", "limited"] as const;
  const filteredDistinct = base.chain((p) => fc.integer({ min: 0, max: 2 }).chain((d) => arbBool(p.schema, d)).map((b) =>
    // A distinct and a filtered copy of it: the copy may be planned as a filter over the shared distinct.
    Union.create([Distinct.create(p, null), Distinct.create(Filter.create(p, b.expr), null)])));
  const repeated = fc.tuple(base, fc.constantFrom(...shapes)).map(([p, shape]) => {
    const names = p.schema.fields.map((f) => f.name);
    switch (shape) {
      case "union": return Union.create([p, p, p]);
      case "except": return Except.create(Union.create([p, p]), p);
      case "semi": return Join.create(p, p, "semi", null, names);
      // A repeated sub-plan inside another repeated one, also read on its own.
      case "nested": return Union.create([Distinct.create(p, null), p, Distinct.create(p, null)]);
      // The right side is read first and stops after one row; the left must then compute it in full.
      case "limited": {
        const oneRow = Aggregate.create(Limit.create(p, 1), [], [E.alias(E.aggregate("count", []), "__limited")]);
        return Join.create(p, oneRow, "cross", null);
      }
    }
  });
  return fc.oneof(repeated, filteredDistinct);
}
