import { describe, expect, it } from "vitest";
import { E } from "../../src/expr/build.js";
import { exprKey } from "../../src/expr/tree.js";
import { Aggregate, Distinct, Except, Filter, Join, Project, Scan, Union } from "../../src/plan/nodes/index.js";
import { explainLogical } from "../../src/plan/explain.js";
import { PlanFingerprints, filterAfterSharedDistinct, repeatedSubplans } from "../../src/plan/reuse.js";
import { widenScansAlike } from "../../src/plan/scans-alike.js";
import { scan, values } from "../optimizer/fixtures.js";

const gt = (name: string, v: number) => E.binary(">", E.column(name), E.literal(v));

describe("plan fingerprints", () => {
  it("are equal for equal plans built apart, and differ on any field", () => {
    const f = new PlanFingerprints();
    const a = Filter.create(scan("/t", "a int32, b string"), gt("a", 1));
    const b = Filter.create(scan("/t", "a int32, b string"), gt("a", 1));
    expect(f.of(a)).toBe(f.of(b));
    expect(f.of(a)).not.toBe(f.of(Filter.create(scan("/t", "a int32, b string"), gt("a", 2))));
    expect(f.of(a)).not.toBe(f.of(Filter.create(scan("/u", "a int32, b string"), gt("a", 1))));
  });

  it("tell in-memory rows apart by identity, not by shape", () => {
    const f = new PlanFingerprints();
    const v = values("a int32", 3);
    expect(f.of(v)).toBe(f.of(v));
    expect(f.of(v)).not.toBe(f.of(values("a int32", 3)));
  });
});

describe("repeatedSubplans", () => {
  const access = scan("/access", "t int64, uid int32, id utf8");
  const dim = scan("/dim", "uid int32");
  const uidsOf = (p: Parameters<typeof Project.create>[0]) => Project.create(p, [E.column("uid")]);

  it("chooses a distinct read from three places, not the cheap projections above it", () => {
    const counted = Aggregate.create(Distinct.create(access, null), [E.column("uid")], []);
    const plan = Union.create([
      uidsOf(counted),
      Except.create(Distinct.create(uidsOf(Distinct.create(access, null)), null), dim),
      uidsOf(Distinct.create(access, null)),
    ]);
    const r = repeatedSubplans(plan);
    expect([...r.consumers.values()]).toEqual([3]);
    expect(r.consumers.get(r.fingerprints.of(Distinct.create(access, null)))).toBe(3);
  });

  it("chooses nothing when every sub-plan occurs once", () => {
    expect(repeatedSubplans(Distinct.create(access, null)).consumers.size).toBe(0);
    expect(repeatedSubplans(Union.create([uidsOf(access), dim])).consumers.size).toBe(0);
  });

  it("reads a source once for the places that read it alike, not the cheap projections above it", () => {
    const r = repeatedSubplans(Union.create([uidsOf(access), uidsOf(access)]));
    expect([...r.consumers.entries()]).toEqual([[r.fingerprints.of(access), 2]]);
  });

  it("counts a sub-plan inside a repeated one once per place it is read from outside", () => {
    const outer = Join.create(uidsOf(Distinct.create(access, null)), dim, "inner", null, ["uid"]);
    // The join twice, the distinct only inside it: only the join is chosen.
    const r = repeatedSubplans(Union.create([outer, outer]));
    expect(r.consumers.size).toBe(1);
    expect(r.consumers.get(r.fingerprints.of(outer))).toBe(2);
  });
});

describe("filterAfterSharedDistinct", () => {
  const access = scan("/access", "t int64, uid int32, id utf8");
  const login = E.binary("=", E.column("id"), E.literal("login"));

  it("reads the distinct computed elsewhere through a filter, also when the filter was pushed into the scan", () => {
    const pushed = Scan.create(access.source, access.projection, [login]);
    for (const below of [access, pushed]) {
      const plan = Union.create([Distinct.create(access, null), Distinct.create(Filter.create(below, login), null)]);
      const rewritten = filterAfterSharedDistinct(plan);
      expect(explainLogical(rewritten)).toBe(explainLogical(Union.create([
        Distinct.create(access, null), Filter.create(Distinct.create(access, null), login),
      ])));
      expect(repeatedSubplans(plan).consumers.size).toBe(1);
    }
  });

  it("leaves a filtered distinct alone when no unfiltered one is computed, or the scan has other filters", () => {
    const only = Distinct.create(Filter.create(access, login), null);
    expect(filterAfterSharedDistinct(only)).toBe(only);
    const other = Scan.create(access.source, access.projection, [gt("uid", 3)]);
    const plan = Union.create([Distinct.create(access, null), Distinct.create(Filter.create(other, login), null)]);
    expect(filterAfterSharedDistinct(plan)).toBe(plan);
  });
});

describe("exprKey", () => {
  it("tells apart literals that JSON does not: NaN, ±Infinity, -0, null, and bigints", () => {
    const keys = [NaN, Infinity, -Infinity, -0, 0, null].map((v) => exprKey(E.literal(v as number, "float64")));
    expect(new Set(keys).size).toBe(keys.length);
    expect(() => exprKey(E.literal(2n ** 60n, "int64"))).not.toThrow();
    expect(exprKey([gt("a", 1), gt("a", 1)])).toBe(exprKey([gt("a", 1), gt("a", 1)]));
  });
});

describe("widenScansAlike", () => {
  const source = scan("/purchase", "time utf8, uid int32, amount int64, name utf8").source;
  const inDay = E.binary(">=", E.cast(E.column("time"), "int64"), E.literal(100));
  const read = (columns: string[], filters = [inDay]) => Scan.create(source, columns, filters);

  it("reads scans of one source with the same filters once, with all their columns in source order", () => {
    const plan = Union.create([
      Project.create(read(["uid", "time"]), [E.column("uid")]),
      Project.create(read(["amount", "uid"]), [E.column("uid")]),
      Project.create(read(["uid", "time"]), [E.column("uid")]),
    ]);
    const f = new PlanFingerprints();
    const wide = read(["time", "uid", "amount"]);
    const keep = (cols: string[]) => Project.create(wide, cols.map((c) => E.column(c)));
    expect(explainLogical(widenScansAlike(plan, f))).toBe(explainLogical(Union.create([
      Project.create(keep(["time", "uid"]), [E.column("uid")]),
      Project.create(keep(["uid", "amount"]), [E.column("uid")]),
      Project.create(keep(["time", "uid"]), [E.column("uid")]),
    ])));
    const r = repeatedSubplans(plan);
    expect([...r.consumers.entries()]).toEqual([[r.fingerprints.of(wide), 3]]);
  });

  it("widens to every column when one place reads them all, and keeps a scan that reads them all as it is", () => {
    const all = Scan.create(source, null, [inDay]);
    const plan = Union.create([Project.create(read(["uid"]), [E.column("uid")]), Project.create(all, [E.column("uid")])]);
    expect(explainLogical(widenScansAlike(plan, new PlanFingerprints()))).toBe(explainLogical(Union.create([
      Project.create(Project.create(all, [E.column("uid")]), [E.column("uid")]), Project.create(all, [E.column("uid")]),
    ])));
  });

  it("drops a filter over a widened scan that only restates its pushed filters, and keeps any other", () => {
    const big = E.binary(">", E.column("amount"), E.literal(5));
    const plan = Union.create([
      Project.create(Filter.create(read(["uid", "time"]), inDay), [E.column("uid")]),
      Project.create(Filter.create(read(["time", "amount"]), E.binary("and", inDay, big)), [E.column("amount")]),
    ]);
    const wide = read(["time", "uid", "amount"]);
    const keep = (cols: string[]) => Project.create(wide, cols.map((c) => E.column(c)));
    expect(explainLogical(widenScansAlike(plan, new PlanFingerprints()))).toBe(explainLogical(Union.create([
      Project.create(keep(["time", "uid"]), [E.column("uid")]),
      Project.create(Filter.create(keep(["time", "amount"]), E.binary("and", inDay, big)), [E.column("amount")]),
    ])));
  });

  it("leaves scans alone whose filters differ, and a plan whose alike scans read the same columns", () => {
    const other = E.binary("<", E.cast(E.column("time"), "int64"), E.literal(200));
    const differ = Union.create([Project.create(read(["uid"]), [E.column("uid")]), Project.create(read(["uid", "amount"], [other]), [E.column("uid")])]);
    expect(widenScansAlike(differ, new PlanFingerprints())).toBe(differ);
    const same = Union.create([Project.create(read(["uid"]), [E.column("uid")]), Project.create(read(["uid"]), [E.column("uid")])]);
    expect(widenScansAlike(same, new PlanFingerprints())).toBe(same);
  });
});
