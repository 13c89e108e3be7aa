// Random plans give the same rows (as a multiset) with every rule on, and with each rule off,
// as evaluated by the reference evaluator in /work/main/test/reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { E } from "../../src/expr/build.js";
import type { Expr } from "../../src/expr/expr.js";
import { Aggregate, Distinct, Except, Filter, Join, Project, Sort, Union, Values } from "../../src/plan/nodes/index.js";
import type { JoinType, LogicalPlan } from "../../src/plan/plan.js";
import { explainLogical } from "../../src/plan/explain.js";
import { defaultRules, optimize } from "../../src/optimizer/index.js";
import { field, schema, type Schema } from "../../src/types/data-type.js";
import { evaluate, rowKey } from "../../../../test/reference/index.js";
import { rowsToBatch, type Row } from "../../../../test/reference/rows.js";

const intValue = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(null));
const rowsOf = (width: number) => fc.array(fc.array(intValue, { minLength: width, maxLength: width }), { maxLength: 6 });

function relation(s: Schema, rows: readonly Row[]): LogicalPlan {
  return Values.create([rowsToBatch(s, rows)], s);
}

/** A recipe step, applied to whatever plan the previous steps built. Numbers pick columns modulo the width. */
type Step =
  | { op: "filter"; pred: PredSpec }
  | { op: "project"; keep: number; plus: number; n: number }
  | { op: "join"; how: JoinType; left: number; extra: PredSpec | null; using: boolean }
  | { op: "aggregate"; key: number; value: number }
  | { op: "distinct" }
  | { op: "union"; pred: PredSpec }
  | { op: "except"; pred: PredSpec }
  | { op: "sort"; key: number };

type PredSpec =
  | { t: "cmp"; op: "=" | "<" | ">" | "!=" | "<=>"; a: number; b: number | null; lit: number }
  | { t: "null"; a: number; negated: boolean }
  | { t: "const"; v: boolean | null }
  | { t: "and" | "or"; l: PredSpec; r: PredSpec }
  | { t: "not"; p: PredSpec };

const predSpec: fc.Arbitrary<PredSpec> = fc.letrec<{ p: PredSpec }>((tie) => ({
  p: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({
      t: fc.constant("cmp" as const), op: fc.constantFrom("=", "<", ">", "!=", "<=>"),
      a: fc.nat(5), b: fc.option(fc.nat(5)), lit: fc.integer({ min: -3, max: 3 }),
    }),
    fc.record({ t: fc.constant("null" as const), a: fc.nat(5), negated: fc.boolean() }),
    fc.record({ t: fc.constant("const" as const), v: fc.constantFrom(true, false, null) }),
    fc.record({ t: fc.constantFrom("and" as const, "or" as const), l: tie("p"), r: tie("p") }),
    fc.record({ t: fc.constant("not" as const), p: tie("p") }),
  ),
})).p;

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("filter" as const), pred: predSpec }),
  fc.record({ op: fc.constant("project" as const), keep: fc.nat(7), plus: fc.integer({ min: -2, max: 2 }), n: fc.nat(5) }),
  fc.record({
    op: fc.constant("join" as const), how: fc.constantFrom<JoinType>("inner", "left", "right", "full", "semi", "anti", "cross"),
    left: fc.nat(5), extra: fc.option(predSpec), using: fc.boolean(),
  }),
  fc.record({ op: fc.constant("aggregate" as const), key: fc.nat(5), value: fc.nat(5) }),
  fc.record({ op: fc.constant("distinct" as const) }),
  fc.record({ op: fc.constant("union" as const), pred: predSpec }),
  fc.record({ op: fc.constant("except" as const), pred: predSpec }),
  fc.record({ op: fc.constant("sort" as const), key: fc.nat(5) }),
);

/** Builds plans from recipes; fresh names keep every column name unique. */
class Builder {
  private counter = 0;
  constructor(private readonly right: LogicalPlan) {}

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  pred(spec: PredSpec, cols: readonly string[]): Expr {
    const c = (i: number) => E.column(cols[i % cols.length]!);
    switch (spec.t) {
      case "cmp": return E.binary(spec.op, c(spec.a), spec.b === null ? E.literal(spec.lit) : c(spec.b));
      case "null": return E.isNull(c(spec.a), spec.negated);
      case "const": return E.literal(spec.v, "bool");
      case "and": case "or": return E.binary(spec.t, this.pred(spec.l, cols), this.pred(spec.r, cols));
      case "not": return E.not(this.pred(spec.p, cols));
    }
  }

  apply(plan: LogicalPlan, s: Step): LogicalPlan {
    const cols = plan.schema.fields.map((f) => f.name);
    const c = (i: number) => E.column(cols[i % cols.length]!);
    switch (s.op) {
      case "filter": return Filter.create(plan, this.pred(s.pred, cols));
      case "project": {
        // Keep a subset (bitmask), add one computed column.
        const kept = cols.filter((_, i) => ((s.keep >> i) & 1) === 1 || i === 0).map((n) => E.column(n));
        return Project.create(plan, [...kept, E.alias(E.binary("+", c(s.n), E.literal(s.plus)), this.fresh("p"))]);
      }
      case "join": {
        const rk = this.fresh("k"), ry = this.fresh("y");
        const usingKey = s.using && s.how !== "cross";
        const right = Project.create(this.right, [
          E.alias(E.column("k"), usingKey ? cols[s.left % cols.length]! : rk), E.alias(E.column("y"), ry),
        ]);
        if (s.how === "cross") return Join.create(plan, right, "cross", null);
        const extra = s.extra === null ? [] : [this.pred(s.extra, [...cols, ry])];
        if (usingKey) {
          const on = extra.length > 0 ? extra[0]! : null;
          return Join.create(plan, right, s.how, on, [cols[s.left % cols.length]!]);
        }
        const onParts = [E.binary("=", c(s.left), E.column(rk)), ...extra];
        return Join.create(plan, right, s.how, onParts.reduce((a, b) => E.binary("and", a, b)));
      }
      case "aggregate":
        return Aggregate.create(plan, [c(s.key)], [
          E.alias(E.aggregate("count", []), this.fresh("n")),
          E.alias(E.aggregate("sum", [c(s.value)]), this.fresh("s")),
        ]);
      case "distinct": return Distinct.create(plan);
      case "union": return Union.create([plan, Filter.create(plan, this.pred(s.pred, cols))]);
      case "except": return Except.create(plan, Filter.create(plan, this.pred(s.pred, cols)));
      case "sort": return Sort.create(plan, [E.sortOrder(c(s.key))]);
    }
  }
}

const multiset = (plan: LogicalPlan): string[] => evaluate(plan).rows.map((r) => rowKey(r)).sort();

describe("optimizer keeps results", () => {
  it("on random plans, with all rules and with each rule disabled", () => {
    const left = schema([field("a", "int32"), field("b", "int32"), field("c", "int32")]);
    const right = schema([field("k", "int32"), field("y", "int32")]);
    fc.assert(
      fc.property(rowsOf(3), rowsOf(2), fc.array(step, { minLength: 1, maxLength: 5 }), predSpec, (lrows, rrows, steps, top) => {
        const b = new Builder(relation(right, rrows));
        let plan = relation(left, lrows);
        for (const s of steps) plan = b.apply(plan, s);
        plan = Filter.create(plan, b.pred(top, plan.schema.fields.map((f) => f.name)));
        const expected = multiset(plan);
        for (const disabled of [[], ...defaultRules.map((r) => [r.name])]) {
          const optimized = optimize(plan, { disabledRules: disabled });
          expect(optimized.schema.fields.map((f) => [f.name, f.type])).toEqual(plan.schema.fields.map((f) => [f.name, f.type]));
          const got = multiset(optimized);
          if (JSON.stringify(got) !== JSON.stringify(expected)) {
            throw new Error(`rules off: [${disabled.join(", ")}]\nplan:\n${explainLogical(plan)}\noptimized:\n${explainLogical(optimized)}\nexpected ${JSON.stringify(expected)}\ngot ${JSON.stringify(got)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
