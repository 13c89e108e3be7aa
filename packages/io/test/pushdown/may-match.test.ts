import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayMatch } from "../../src/pushdown/may-match.js";
import { cmp, col, lit } from "../helpers.js";

const OPS = ["=", "<", ">", "<=", ">=", "!="] as const;
const holds = (op: (typeof OPS)[number], a: number, b: number): boolean =>
  ({ "=": a === b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b, "!=": a !== b })[op];

describe("mayMatch", () => {
  it("never excludes a chunk that holds a matching value (property)", () => {
    fc.assert(fc.property(
      fc.array(fc.option(fc.integer({ min: -50, max: 50 })), { minLength: 1, maxLength: 20 }),
      fc.constantFrom(...OPS), fc.integer({ min: -60, max: 60 }), fc.boolean(),
      (values, op, v, flip) => {
        const present = values.filter((x): x is number => x !== null);
        const range = {
          rows: values.length, nullCount: values.length - present.length,
          ...(present.length > 0 ? { min: Math.min(...present), max: Math.max(...present) } : {}),
        };
        const e = flip ? cmp(({ "<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "!=": "!=" } as const)[op], lit(v, "int32"), col("x")) : cmp(op, col("x"), lit(v, "int32"));
        const matches = present.some((x) => holds(op, x, v));
        if (matches) expect(mayMatch(e, (c) => (c === "x" ? range : undefined))).toBe(true);
      }));
  });

  it("excludes what statistics rule out, strings by code point", () => {
    const r = { rows: 3, nullCount: 0, min: "b", max: "d" };
    expect(mayMatch(cmp("=", col("s"), lit("a", "utf8")), () => r)).toBe(false);
    expect(mayMatch(cmp("=", col("s"), lit("c", "utf8")), () => r)).toBe(true);
    const astral = { rows: 1, nullCount: 0, min: "\u{1F389}", max: "\u{1F389}" };
    expect(mayMatch(cmp(">", col("s"), lit("\uFFFD", "utf8")), () => astral)).toBe(true);
    expect(mayMatch({ kind: "is_null", input: col("s"), negated: false }, () => r)).toBe(false);
    expect(mayMatch(cmp("=", col("s"), lit(null, "utf8")), () => r)).toBe(false);
  });
});
