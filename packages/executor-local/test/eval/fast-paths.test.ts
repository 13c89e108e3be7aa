// The evaluation shortcuts against their plain definitions: comparisons with a constant (no vector of
// it), arithmetic with a constant (likewise), int64 arithmetic in doubles (safe integers only, BigInt
// past them), times formatted as bytes.
import fc from "fast-check";
import { E, Project, compilePattern, formatWall, toWall, zoneOf, type ComparisonOp, type DataType, type Expr } from "@lgde/core";
import { describe, expect, it } from "vitest";
import { run, values } from "../helpers.js";

const c = E.column, lit = E.literal;
const OPS = ["=", "!=", "<", "<=", ">", ">="] as const;
const holds = (op: Exclude<ComparisonOp, "<=>">, x: bigint | number | string, y: bigint | number | string): boolean => {
  switch (op) {
    case "=": return x === y;
    case "!=": return x !== y;
    case "<": return x < y;
    case "<=": return x <= y;
    case ">": return x > y;
    case ">=": return x >= y;
  }
};
/** The engine's int64 as a BigInt (the helpers give safe values as numbers). */
const big = (v: unknown): bigint | null => (v === null ? null : BigInt(v as number | bigint));

async function project(cols: [string, DataType][], rows: unknown[][], exprs: Expr[], batchRows: number): Promise<unknown[][]> {
  return run(Project.create(values(cols, rows, batchRows), exprs.map((e, i) => E.alias(e, `e${i}`))), { batchSize: batchRows });
}

// Mostly small values, sometimes past 2^53 (a batch holding one takes the BigInt path).
const int64 = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: -20n, max: 20n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) },
  { weight: 1, arbitrary: fc.constantFrom(2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n) + 1n, 2n ** 52n, -(2n ** 52n)) },
);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });

describe("comparisons with a constant", () => {
  it("int64 columns against a constant on either side and against each other, nulls included", async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(nullable(int64), nullable(int64)), { maxLength: 40 }), fc.constantFrom(...OPS), fc.integer({ min: -25, max: 25 }), fc.integer({ min: 1, max: 8 }),
      async (rows, op, k, batchRows) => {
        const got = await project([["a", "int64"], ["b", "int64"]], rows, [
          E.binary(op, c("a"), lit(k)), E.binary(op, lit(k), c("a")), E.binary(op, c("a"), c("b")),
        ], batchRows);
        expect(got).toEqual(rows.map(([a, b]) => [
          a === null ? null : holds(op, a, BigInt(k)),
          a === null ? null : holds(op, BigInt(k), a),
          a === null || b === null ? null : holds(op, a, b),
        ]));
      }), { numRuns: 150 });
  });

  it("int32 and string columns against a constant", async () => {
    const str = fc.constantFrom("login", "logout", "", "로그인", "log", "loginx");
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(nullable(fc.integer({ min: -5, max: 5 })), nullable(str)), { maxLength: 40 }), fc.constantFrom(...OPS), fc.integer({ min: -5, max: 5 }), str,
      async (rows, op, k, s) => {
        const eq = op === "=" || op === "!=" ? op : "=";
        const got = await project([["i", "int32"], ["s", "utf8"]], rows, [
          E.binary(op, c("i"), lit(k)), E.binary(op, lit(k), c("i")), E.binary(eq, c("s"), lit(s)), E.binary(op, lit(s), c("s")),
        ], 7);
        // Strings order by their UTF-8 bytes, as code points do here (no surrogate pairs).
        expect(got).toEqual(rows.map(([i, t]) => [
          i === null ? null : holds(op, i, k), i === null ? null : holds(op, k, i),
          t === null ? null : holds(eq, t, s), t === null ? null : holds(op, s, t),
        ]));
      }), { numRuns: 150 });
  });
});

describe("int64 arithmetic", () => {
  it("wraps to 64 bits as Spark does, whether a batch fits doubles or not (and coalesce with a constant)", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(nullable(int64), nullable(int64)), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (rows, batchRows) => {
      const got = await project([["a", "int64"], ["b", "int64"]], rows, [
        E.binary("+", c("a"), c("b")), E.binary("-", c("a"), c("b")), E.binary("*", c("a"), c("b")), E.binary("+", c("a"), lit(1)),
        E.call("coalesce", [c("a"), lit(-7)]),
      ], batchRows);
      const wrap = (x: bigint) => BigInt.asIntN(64, x);
      expect(got.map((r) => r.map(big))).toEqual(rows.map(([a, b]) => [
        a === null || b === null ? null : wrap(a + b), a === null || b === null ? null : wrap(a - b),
        a === null || b === null ? null : wrap(a * b), a === null ? null : wrap(a + 1n), a ?? -7n,
      ]));
    }), { numRuns: 200 });
  });
});

describe("arithmetic with a constant (no vector of it)", () => {
  const ARITH = ["+", "-", "*"] as const;
  const wrap64 = (x: bigint) => BigInt.asIntN(64, x);
  const apply = <T extends bigint | number>(op: (typeof ARITH)[number], x: T, y: T): T =>
    (op === "+" ? (x as number) + (y as number) : op === "-" ? (x as number) - (y as number) : (x as number) * (y as number)) as T;

  it("int64 columns with a constant on either side, past 2^53 included", async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(nullable(int64), { maxLength: 40 }), fc.constantFrom(...ARITH), int64, fc.integer({ min: 1, max: 8 }),
      async (rows, op, k, batchRows) => {
        const got = await project([["a", "int64"]], rows.map((a) => [a]), [
          E.binary(op, c("a"), lit(k, "int64")), E.binary(op, lit(k, "int64"), c("a")),
        ], batchRows);
        expect(got.map((r) => r.map(big))).toEqual(rows.map((a) => [
          a === null ? null : wrap64(apply(op, a, k)), a === null ? null : wrap64(apply(op, k, a)),
        ]));
      }), { numRuns: 200 });
  });

  it("int32 columns wrap to 32 bits, doubles are plain doubles", async () => {
    const int32 = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    const double = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -9, max: 9 }).map((x) => x / 4));
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(nullable(int32), nullable(double)), { maxLength: 40 }), fc.constantFrom(...ARITH), int32, double, fc.integer({ min: 1, max: 8 }),
      async (rows, op, k, d, batchRows) => {
        const got = await project([["i", "int32"], ["f", "float64"]], rows, [
          E.binary(op, c("i"), lit(k, "int32")), E.binary(op, lit(k, "int32"), c("i")),
          E.binary(op, c("f"), lit(d, "float64")), E.binary(op, lit(d, "float64"), c("f")),
        ], batchRows);
        const int = (x: number, y: number) => (op === "*" ? Math.imul(x, y) : apply(op, x, y) | 0);
        expect(got).toEqual(rows.map(([i, f]) => [
          i === null ? null : int(i, k), i === null ? null : int(k, i),
          f === null ? null : apply(op, f, d), f === null ? null : apply(op, d, f),
        ]));
      }), { numRuns: 200 });
  });
});

describe("formatted times", () => {
  it("from_unixtime and date_format write what formatWall gives, for any pattern piece", async () => {
    const patterns = ["yyyy-MM-dd HH:mm:ss", "yy/M/d h:m a", "EEEE, MMMM d uuuu 'à' HH'h' (DDD Q)", "yyyyMMdd'T'HHmmss.SSSSSSSS", "kk:mm 'Uhr' E MMM", "로그 yyyy년"];
    const zone = "Asia/Seoul";
    await fc.assert(fc.asyncProperty(
      fc.array(nullable(fc.integer({ min: -70_000_000_000, max: 250_000_000_000 })), { maxLength: 30 }), fc.constantFrom(...patterns),
      async (seconds, pattern) => {
        const rows = seconds.map((s) => [s]);
        const got = await run(Project.create(values([["t", "int64"]], rows, 6), [
          E.alias(E.call("from_unixtime", [c("t"), lit(pattern)]), "f"),
          E.alias(E.call("date_format", [E.call("to_date", [E.call("from_unixtime", [c("t")])]), lit(pattern)]), "d"),
        ]), { timeZone: zone, batchSize: 6 });
        const p = compilePattern(pattern), z = zoneOf(zone);
        expect(got).toEqual(seconds.map((s) => {
          if (s === null) return [null, null];
          const w = toWall(s * 1_000_000, z);
          return [formatWall(p, w.days, w.microsOfDay), formatWall(p, w.days, 0)];
        }));
      }), { numRuns: 60 });
  });
});
