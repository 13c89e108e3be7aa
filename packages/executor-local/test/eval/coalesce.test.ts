import fc from "fast-check";
import { E, Project, type Expr } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { ColumnBuilder, vecFromValues } from "../../src/index.js";
import { evaluateCoalesce } from "../../src/eval/coalesce.js";
import { evalContext, type EvalContext } from "../../src/eval/context.js";
import { evaluate } from "../../src/eval/evaluate.js";
import type { PExpr } from "../../src/eval/pexpr.js";
import type { Chunk, Vec } from "../../src/kernels/vector.js";
import { run, values } from "../helpers.js";

const c = E.column, lit = E.literal;
const coalesce = (...args: Expr[]) => E.call("coalesce", args);

describe("coalesce", () => {
  it("is the first non-null argument, over random columns and computed arguments", async () => {
    const v = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null, freq: 3 });
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(v, v, v), { maxLength: 80 }), async (rows) => {
      const input = values([["a", "int32"], ["b", "int32"], ["x", "int32"]], rows.map(([a, b, x]) => [a, b, x]));
      const got = await run(Project.create(input, [
        E.alias(coalesce(c("a"), E.binary("+", c("b"), lit(1)), E.binary("*", c("x"), lit(2))), "r"),
        E.alias(coalesce(c("a"), lit(7)), "s"),
      ]));
      expect(got).toEqual(rows.map(([a, b, x]) => [a ?? (b !== null ? b + 1 : x !== null ? x * 2 : null), a ?? 7]));
    }), { numRuns: 100 });
  });

  it("computes a later argument only for the rows still null (formats only the times it needs)", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ known: i % 4 === 0 ? null : `k${i}`, t: 1603565200 + i }));
    const got = await run(Project.create(values([["known", "utf8"], ["t", "int64"]], rows.map((r) => [r.known, r.t])), [
      E.alias(coalesce(c("known"), E.call("from_unixtime", [c("t")])), "first"),
    ]), { timeZone: "UTC" });
    expect(got).toEqual(rows.map((r) => [r.known ?? `2020-10-24 18:46:${String(40 + (r.t - 1603565200)).padStart(2, "0")}`]));
    // The rows each argument was computed over: from_unixtime only over the 5 null ones, and
    // nothing after an argument without nulls.
    const seen: [string, number][] = [];
    const recording = (e: PExpr, ch: Chunk, ctx: EvalContext): Vec => { seen.push([e.kind === "call" ? e.fn : e.kind, ch.length]); return evaluate(e, ch, ctx); };
    const known = vecFromValues("utf8", rows.map((r) => r.known)), t = vecFromValues("int64", rows.map((r) => BigInt(r.t)));
    const col = (index: number, type: "utf8" | "int64"): PExpr => ({ kind: "column", index, name: `c${index}`, type });
    const fmt: PExpr = { kind: "call", fn: "from_unixtime", args: [col(1, "int64")], type: "utf8" };
    const ctx = evalContext("UTC");
    evaluateCoalesce({ kind: "call", fn: "coalesce", args: [col(0, "utf8"), fmt], type: "utf8" }, { columns: [known, t], length: 20 }, ctx, recording);
    expect(seen).toEqual([["column", 20], ["from_unixtime", 5]]);
    seen.length = 0;
    evaluateCoalesce({ kind: "call", fn: "coalesce", args: [col(1, "int64"), col(0, "utf8")], type: "int64" }, { columns: [known, t], length: 20 }, ctx, recording);
    expect(seen).toEqual([["column", 20]]);
  });
});

describe("ColumnBuilder strings", () => {
  it("writes ASCII directly and encodes anything else as UTF-8", () => {
    const b = new ColumnBuilder("utf8");
    const text = ["plain", "", "héllo ✓", "로그인", "a\u0000b", "tail"];
    for (const s of text) b.appendValue(s);
    const v = b.finish();
    if (v.type !== "utf8") throw new Error("not utf8");
    const dec = new TextDecoder();
    expect(text.map((_, i) => dec.decode(v.bytes.subarray(v.offsets[i]!, v.offsets[i + 1]!)))).toEqual(text);
  });
});
