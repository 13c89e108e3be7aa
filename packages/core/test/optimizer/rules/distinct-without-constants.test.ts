import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { E } from "../../../src/expr/build.js";
import { distinctWithoutConstants } from "../../../src/optimizer/rules/distinct-without-constants.js";
import { Aggregate, Distinct, Filter, Join, Project, Scan, Values } from "../../../src/plan/nodes/index.js";
import type { LogicalPlan } from "../../../src/plan/plan.js";
import { field, schema } from "../../../src/types/data-type.js";
import { evaluate, rowKey } from "../../../../../test/reference/index.js";
import { rowsToBatch, type Row } from "../../../../../test/reference/rows.js";
import { and, applied, col, eq, lines, lit, scan } from "../fixtures.js";

const access = () => scan("/access", "a_time int64?, a_uid int32?, a_id utf8?");
const logins = () => Filter.create(access(), eq(col("a_id"), lit("login")));

describe("distinct-without-constants", () => {
  it("deduplicates without a column a filter pins to one value when the reader does not read it", () => {
    const plan = Project.create(Distinct.create(logins()), [col("a_uid")]);
    const r = applied(distinctWithoutConstants, plan);
    expect(r.transformed).toBe(true);
    expect(r.text).toBe(lines(
      "Project [a_uid]",
      "+- Distinct",
      "   +- Project [a_time, a_uid]",
      "      +- Filter (a_id = login)",
      "         +- Scan parquet /access [a_time, a_uid, a_id]",
    ));
    expect(r.plan.schema).toEqual(plan.schema);
  });

  it("finds constants in pushed filters, either side of the equality, through renames and projected literals", () => {
    const pushed = Scan.create(access().source, null, [eq(lit(7), col("a_uid"))]);
    const renamed = Project.create(pushed, [col("a_time"), E.alias(col("a_uid"), "uid"), E.alias(lit("web"), "channel")]);
    const r = applied(distinctWithoutConstants, Project.create(Distinct.create(renamed), [col("a_time")]));
    expect(r.text).toContain("+- Project [a_time]\n");
    expect(r.text.match(/Distinct/g)).toHaveLength(1);
    expect(r.text).toMatch(/Distinct\n\s+\+- Project \[a_time\]\n\s+\+- Project \[a_time, a_uid AS uid, web AS channel\]/);
  });

  it("keeps a constant column the reader reads, and every column that is not constant", () => {
    const reads = Project.create(Distinct.create(logins()), [col("a_uid"), col("a_id")]);
    expect(applied(distinctWithoutConstants, reads).transformed).toBe(false);
    const none = Project.create(Distinct.create(Filter.create(access(), E.binary(">", col("a_uid"), lit(3)))), [col("a_uid")]);
    expect(applied(distinctWithoutConstants, none).transformed).toBe(false);
  });

  it("leaves alone doubles, null literals, a disjunction, dropDuplicates and a shared distinct", () => {
    const d = scan("/d", "x float64?, k int32?");
    const onDouble = Project.create(Distinct.create(Filter.create(d, eq(col("x"), E.literal(0, "float64")))), [col("k")]);
    expect(applied(distinctWithoutConstants, onDouble).transformed).toBe(false);
    const onDoubleColumn = Project.create(Distinct.create(Filter.create(d, eq(col("x"), lit(0)))), [col("k")]);
    expect(applied(distinctWithoutConstants, onDoubleColumn).transformed).toBe(false);
    // "2024-01-01" and "2024-1-1" both equal the date: the string column is not pinned.
    const texts = scan("/t", "s utf8?, k int32?");
    const onDate = Project.create(Distinct.create(Filter.create(texts, eq(col("s"), E.literal(19723, "date")))), [col("k")]);
    expect(applied(distinctWithoutConstants, onDate).transformed).toBe(false);
    // An int32 column equal to an int64 literal holds one value.
    const wide = Project.create(Distinct.create(Filter.create(access(), eq(col("a_uid"), E.literal(7, "int64")))), [col("a_time")]);
    expect(applied(distinctWithoutConstants, wide).transformed).toBe(true);
    const onNull = Project.create(Distinct.create(Filter.create(access(), eq(col("a_id"), lit(null)))), [col("a_uid")]);
    expect(applied(distinctWithoutConstants, onNull).transformed).toBe(false);
    const either = Filter.create(access(), E.binary("or", eq(col("a_id"), lit("login")), eq(col("a_id"), lit("logout"))));
    expect(applied(distinctWithoutConstants, Project.create(Distinct.create(either), [col("a_uid")])).transformed).toBe(false);
    const some = Project.create(Distinct.create(logins(), ["a_uid", "a_id"]), [col("a_uid")]);
    expect(applied(distinctWithoutConstants, some).transformed).toBe(false);
    const shared = Distinct.create(logins());
    const twice = Join.create(Project.create(shared, [col("a_uid")]), Aggregate.create(shared, [], [E.alias(E.aggregate("count", []), "n")]), "cross", null);
    expect(applied(distinctWithoutConstants, twice).transformed).toBe(false);
  });

  it("leaves a filtered copy of a distinct computed elsewhere, which reads that one when sub-plans are reused", () => {
    // The LGDE dimension's shape: access.distinct() read whole, and filtered to logins (pushed below the distinct).
    const all = Aggregate.create(Distinct.create(access()), [], [E.alias(E.aggregate("count", []), "rows")]);
    const pushed = Scan.create(access().source, access().projection, [eq(col("a_id"), lit("login"))]);
    const filtered = Project.create(Distinct.create(Filter.create(pushed, eq(col("a_id"), lit("login")))), [col("a_uid")]);
    expect(applied(distinctWithoutConstants, Join.create(all, filtered, "cross", null)).transformed).toBe(false);
    expect(applied(distinctWithoutConstants, filtered).transformed).toBe(true);
  });

  it("gives the reference evaluator's rows on random data", () => {
    const s = schema([field("a", "int32"), field("b", "utf8"), field("c", "int64"), field("d", "int32")]);
    const row = fc.tuple(
      fc.option(fc.integer({ min: 0, max: 2 })), fc.option(fc.constantFrom("x", "y", "")),
      fc.option(fc.integer({ min: 0, max: 2 })), fc.option(fc.integer({ min: 0, max: 2 })),
    ).map(([a, b, c, d]): Row => ({ a, b, c: c === null ? null : BigInt(c), d }));
    const multiset = (p: LogicalPlan) => evaluate(p).rows.map((r) => rowKey(r)).sort();
    fc.assert(fc.property(
      fc.array(row, { maxLength: 30 }), fc.subarray(["a", "b", "c"], { minLength: 1 }), fc.subarray(["a", "b", "c", "d"], { minLength: 1 }),
      fc.integer({ min: 0, max: 2 }), fc.constantFrom("x", "y"),
      (rows, pinned, read, n, str) => {
        const input = Values.create([rowsToBatch(s, rows)], s);
        const pins = pinned.map((name) => eq(col(name), name === "b" ? lit(str) : name === "c" ? E.literal(n, "int64") : lit(n)));
        const plan = Project.create(Distinct.create(Filter.create(input, pins.reduce((x, y) => and(x, y)))), read.map((name) => col(name)));
        const r = applied(distinctWithoutConstants, plan);
        expect(r.transformed).toBe(pinned.some((name) => !read.includes(name)));
        expect(multiset(r.plan)).toEqual(multiset(plan));
      },
    ), { numRuns: 200 });
  });
});
