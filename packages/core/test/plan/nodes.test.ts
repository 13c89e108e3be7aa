import { describe, expect, it } from "vitest";
import * as arrow from "apache-arrow";
import {
  Aggregate, Distinct, E, Except, Filter, Join, Limit, Project, Sort, Union, Values,
  children, field, schema, transformUp, withChildren, type LogicalPlan,
} from "@lgde/core";

const users = Values.create([], schema([field("u_id", "int32", false), field("u_name", "utf8"), field("dt", "utf8")]));
const buys = Values.create([], schema([field("p_uid", "int32"), field("p_amount", "int32"), field("dt", "utf8")]));

const names = (p: LogicalPlan) => p.schema.fields.map((f) => `${f.name}:${f.type}${f.nullable ? "?" : ""}`);

describe("plan node factories", () => {
  it("computes project schemas and names", () => {
    const p = Project.create(users, [E.column("u_id"), E.alias(E.binary("+", E.column("u_id"), E.literal(1)), "next")]);
    expect(names(p)).toEqual(["u_id:int32", "next:int32"]);
    expect(Object.isFrozen(p)).toBe(true);
  });
  it("rejects unknown columns, listing the ones that exist", () => {
    expect(() => Filter.create(users, E.binary("=", E.column("uid"), E.literal(1))))
      .toThrow('Column "uid" does not exist. Available columns: u_id, u_name, dt');
    expect(() => Filter.create(users, E.column("u_id"))).toThrow(/must be boolean/);
  });
  it("aggregates: keys then aggregates, and rejects ungrouped columns", () => {
    const a = Aggregate.create(buys, [E.column("p_uid")], [E.alias(E.aggregate("sum", [E.column("p_amount")]), "s"), E.aggregate("count", [])]);
    expect(names(a)).toEqual(["p_uid:int32?", "s:int64?", "count(1):int64"]);
    expect(() => Aggregate.create(buys, [E.column("p_uid")], [E.column("p_amount")])).toThrow(/neither an aggregate nor a grouping key/);
    expect(() => Project.create(buys, [E.aggregate("count", [])])).toThrow(/not allowed in a projection/);
  });
  it("joins: using keys once, nullability by side, semi keeps left", () => {
    const left = Join.create(users, buys, "left", E.binary("=", E.column("u_id"), E.column("p_uid")));
    expect(names(left)).toEqual(["u_id:int32", "u_name:utf8?", "dt:utf8?", "p_uid:int32?", "p_amount:int32?", "dt:utf8?"]);
    const using = Join.create(users, buys, "full", null, ["dt"]);
    expect(names(using)[0]).toBe("dt:utf8?");
    expect(names(using)).toHaveLength(5);
    expect(names(Join.create(users, buys, "semi", null, ["dt"]))).toEqual(["dt:utf8?", "u_id:int32", "u_name:utf8?"]);
    expect(() => Join.create(users, buys, "inner", null, ["nope"])).toThrow(/nope/);
    // A full join's using-key is null when the present side's key is null, so either side nullable makes it nullable.
    const ids = Values.create([], schema([field("k", "int32", false)]));
    const maybe = Values.create([], schema([field("k", "int32", true)]));
    expect(names(Join.create(ids, maybe, "full", null, ["k"]))).toEqual(["k:int32?"]);
    expect(names(Join.create(ids, ids, "full", null, ["k"]))).toEqual(["k:int32"]);
  });
  it("set operations check arity and widen types", () => {
    const a = Project.create(users, [E.column("u_id")]);
    const b = Project.create(buys, [E.cast(E.column("p_uid"), "int64")]);
    expect(names(Union.create([a, b]))).toEqual(["u_id:int64?"]);
    expect(() => Except.create(users, a)).toThrow(/same number of columns/);
  });
  it("distinct, sort and limit validate their arguments", () => {
    expect(() => Distinct.create(users, ["zz"])).toThrow(/zz/);
    expect(() => Sort.create(users, [E.sortOrder(E.column("zz"))])).toThrow(/zz/);
    expect(() => Limit.create(users, -1)).toThrow(/non-negative/);
    expect(E.sortOrder(E.column("u_id"), false).nullsFirst).toBe(false);
  });
});

describe("tree", () => {
  it("transforms bottom-up and rebuilds schemas through the factories", () => {
    const plan = Limit.create(Filter.create(users, E.binary(">", E.column("u_id"), E.literal(1))), 5);
    const wider = Values.create([], schema([field("u_id", "int64"), field("u_name", "utf8"), field("dt", "utf8")]));
    const r = transformUp(plan, (n) => (n.kind === "values" ? { node: wider, transformed: true } : { node: n, transformed: false }));
    expect(r.transformed).toBe(true);
    expect(r.node.schema.fields[0]!.type).toBe("int64");
    expect(transformUp(plan, (n) => ({ node: n, transformed: false })).node).toBe(plan);
    const bad = () => withChildren(children(plan)[0]!, [buys]);
    expect(bad).toThrow(/u_id/);
  });
  it("values keep their Arrow batches", () => {
    const t = arrow.tableFromArrays({ x: Int32Array.from([1, 2, 3]) });
    const v = Values.create(t.batches, schema([field("x", "int32")]));
    expect(Values.rowCount(v)).toBe(3);
  });
});
