// The char-code scanners behind string → int32/int64/float64 casts agree with the regular-expression
// rules they replaced (Spark's non-ANSI CAST as this executor implemented it), on scalars and vectors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { castVec, parseDouble, parseIntegral } from "../../src/eval/cast.js";
import { evalContext } from "../../src/eval/context.js";
import { strAt, strVecFrom, type Vec } from "../../src/kernels/vector.js";

// ---- The reference: the previous, regex-based implementation ----

function refIntegral(s: string): bigint | null {
  const m = /^\s*([+-]?\d+)(?:\.\d*)?\s*$/.exec(s);
  if (!m) return null;
  return BigInt(m[1]!);
}

const REF_DOUBLE_RE = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Infinity|NaN|Inf)\s*[dDfF]?\s*$/;

function refDouble(s: string): number | null {
  if (!REF_DOUBLE_RE.test(s)) return null;
  const t = s.trim().replace(/[dDfF]$/, "").replace(/^([+-]?)Inf$/, "$1Infinity");
  const v = Number(t);
  return Number.isNaN(v) && !/NaN/.test(t) ? null : v;
}

function refInt32(s: string): number | null {
  const b = refIntegral(s);
  return b === null || b < -2147483648n || b > 2147483647n ? null : Number(b);
}

function refInt64(s: string): bigint | null {
  const b = refIntegral(s);
  return b === null || b < -(2n ** 63n) || b > 2n ** 63n - 1n ? null : b;
}

// ---- Inputs ----

const TOKENS = [
  "0", "1", "2", "5", "7", "9", "00", "123", "+", "-", ".", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x1c",
  "e", "E", "d", "D", "f", "F", "x", "Inf", "Infinity", "NaN", "nan", "inf", "\u00a0", "\u3000", "\ufeff", "\u2028", "é", "1", "2",
];
/** Strings made of number-ish pieces: digits, signs, dots, exponents, suffixes, ASCII and Unicode spaces. */
const numberish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((parts) => parts.join(""));
const pad = fc.constantFrom("", " ", "\t", " \n ", "\u00a0", "0", "00000000000000000000");
/** Integers near and past the int32/int64 limits, in varied spellings. */
const integral = fc.tuple(
  pad.filter((p) => !p.startsWith("0")), fc.constantFrom("", "+", "-"), pad.filter((p) => p.startsWith("0") || p === ""),
  fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 70n }),
    fc.constantFrom(2n ** 31n, 2n ** 31n - 1n, 2n ** 31n + 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 63n - 1n, 2n ** 63n + 1n, 10n ** 15n - 1n, 10n ** 15n, 10n ** 19n, 0n),
    fc.integer({ min: 0, max: 99999 }).map(BigInt),
  ),
  fc.constantFrom("", ".", ".0", ".999", ".5e3"), pad.filter((p) => !p.startsWith("0")),
).map(([a, sign, zeros, n, frac, b]) => `${a}${sign}${zeros}${n}${frac}${b}`);
/** Doubles printed in the ways numbers appear in text. */
const decimal = fc.tuple(fc.double(), fc.integer({ min: 0, max: 20 }), fc.constantFrom("", "d", "F", " f ")).chain(([x, digits, suffix]) =>
  fc.constantFrom(String(x), x.toExponential(), Number.isFinite(x) && Math.abs(x) < 1e21 ? x.toFixed(digits) : String(x), x.toPrecision(Math.max(1, digits)), String(x).toUpperCase()).map((s) => s + suffix));
const anyString = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.string({ maxLength: 30 }), numberish, integral, decimal);

const EXAMPLES = [
  "", " ", "+", "-", ".", "+.", "-.", "12", " 12 ", "\t12\n", "+12", "-12", "-0", "+0", "0", "00012", "12.", "12.9", "-12.9", "12.34.5", ".5", "-.5",
  "1e3", "1E3", "1.5e3", "1e", "1e+", "1e-3", "12 3", "1_000", "0x10", "12a", "a12", "2147483647", "2147483648", "-2147483648", "-2147483649",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999", "999999999999999", "1000000000000000",
  "0000000000000000000000000000001", "123456789012345678901234567890", "1604156400", " 1604156400.000 ",
  "Infinity", "-Infinity", "+Infinity", "Infinityd", "Infinity d", "NaN", "-NaN", "NaNf", "NaN F", "Inf", "-Inf", "Infd", "-InfF", "Inf d", "Inff ", "Inf f",
  "Infinit", "infinity", "INF", "nan", "1d", "1.5f", "1.5 D", "1.5 d ", "1dd", "1d d", ".5e-3f", "1.e5", "1.e", "+.5", "0.1", "0.30000000000000004", "1e308", "1e309",
  "-1e-400", "4.9e-324", "2.2250738585072014e-308", "9007199254740993", "123456789012345.6", "1234567890123456.7", "0.000001234", "1e22", "1e23", "12345e-22",
  "\u00a012\u00a0", "\u300012", "12\ufeff", "１２", "12\u00a0.5", "1.5\u00a0d", "\u00a0Inf", "Infd\u00a0", "Inf\u00a0", "12\x1c", "\x1c12",
];

function same(a: unknown, b: unknown): boolean {
  return Object.is(a, b);
}

/** Row i of a cast result as a JS scalar (null for null rows). */
function at(v: Vec, i: number): number | bigint | null {
  if (v.type === "null" || v.type === "utf8" || v.type === "bool") throw new Error(`unexpected ${v.type}`);
  return v.valid !== null && v.valid[i] === 0 ? null : v.values[i]!;
}

const ctx = evalContext("UTC");

function checkVectors(strings: readonly (string | null)[]): void {
  const v = strVecFrom(strings);
  const i32 = castVec(v, "int32", ctx), i64 = castVec(v, "int64", ctx), f64 = castVec(v, "float64", ctx);
  expect([i32.type, i64.type, f64.type]).toEqual(["int32", "int64", "float64"]);
  for (let i = 0; i < strings.length; i++) {
    // What the row holds after UTF-8 encoding (lone surrogates become U+FFFD).
    const s = strings[i] === null ? null : strAt(v, i);
    const want = s === null ? [null, null, null] : [refInt32(s), refInt64(s), refDouble(s)];
    const got = [at(i32, i), at(i64, i), at(f64, i)];
    for (let k = 0; k < 3; k++) {
      if (!same(got[k], want[k])) expect({ input: s, type: ["int32", "int64", "float64"][k], got: got[k] }).toEqual({ input: s, type: ["int32", "int64", "float64"][k], got: want[k] });
    }
  }
  for (const out of [i32, i64, f64]) {
    // No all-valid masks: kernels rely on `valid === null` for their no-null fast paths.
    if (out.valid !== null) expect(out.valid.includes(0)).toBe(true);
  }
}

describe("string → number casts", () => {
  it("parse the listed edge cases as the regex rules do", () => {
    for (const s of EXAMPLES) {
      expect({ s, v: parseIntegral(s) }).toEqual({ s, v: refIntegral(s) });
      const d = parseDouble(s), r = refDouble(s);
      if (!same(d, r)) expect({ s, v: d }).toEqual({ s, v: r });
    }
    checkVectors([...EXAMPLES, null]);
  });

  it("keep the documented quirks", () => {
    expect([parseIntegral(" 12 "), parseIntegral("12."), parseIntegral("-0"), parseIntegral(".5"), parseIntegral("1e3"), parseIntegral("+"), parseIntegral("")])
      .toEqual([12n, 12n, 0n, null, null, null, null]);
    expect(parseIntegral("123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect([parseDouble("Inf"), parseDouble("Infd"), parseDouble("Inf d"), parseDouble("-Infinity"), parseDouble("1.5 d"), parseDouble("1e")])
      .toEqual([null, Infinity, null, -Infinity, 1.5, null]);
    expect(Object.is(parseDouble("-0"), -0)).toBe(true);
    expect(parseDouble("NaN")).toBeNaN();
  });

  it("parseIntegral agrees with the regex rules on arbitrary strings", () => {
    fc.assert(fc.property(anyString, (s) => { expect(parseIntegral(s)).toEqual(refIntegral(s)); }), { numRuns: 5000 });
  });

  it("parseDouble agrees with the regex rules on arbitrary strings", () => {
    fc.assert(fc.property(anyString, (s) => {
      const d = parseDouble(s), r = refDouble(s);
      if (!same(d, r)) expect({ s, v: d }).toEqual({ s, v: r });
    }), { numRuns: 5000 });
  });

  it("vector casts agree with the regex rules, with nulls and non-ASCII rows", () => {
    fc.assert(fc.property(fc.array(fc.option(anyString, { freq: 8 }), { maxLength: 40 }), (strings) => { checkVectors(strings); }), { numRuns: 500 });
  });

  it("vector casts from a sliced string vector read the right bytes", () => {
    const v = strVecFrom(["x", " 42 ", "-7.9", "1e2", "9223372036854775807"]);
    const sliced = { ...v, length: 4, offsets: v.offsets.subarray(1) };
    const i64 = castVec(sliced, "int64", ctx), f64 = castVec(sliced, "float64", ctx);
    expect([0, 1, 2, 3].map((i) => at(i64, i))).toEqual([42n, -7n, null, 9223372036854775807n]);
    expect([0, 1, 2, 3].map((i) => at(f64, i))).toEqual([42, -7.9, 100, 9223372036854775807]);
  });
});
