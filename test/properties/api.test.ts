// DataFrames built through the public API, collected through a session, agree with the reference on `df.plan`.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  Column, Session, avg, col, count, countDistinct, desc, asc, max, min, sum,
  type DataFrame, type Schema,
} from "@lgde/core";
import { local } from "@lgde/executor-local";
import { evaluate } from "../reference/evaluate.js";
import { arbBool, arbNumeric, arbTable, arbTableOf, type GenTable } from "./generators.js";
import { multisetDiff, schemaText } from "./harness.js";
import type { Row } from "../reference/rows.js";

const spark = Session.builder().appName("api-properties").timeZone("Asia/Seoul").executor(local()).getOrCreate();
afterAll(() => spark.stop());

type DF = DataFrame<Record<string, unknown>>;

const DDL_TYPES: Record<string, string> = { int32: "int", int64: "bigint", float64: "double", utf8: "string", bool: "boolean" };
const ddl = (s: Schema) => s.fields.map((f) => `${f.name} ${DDL_TYPES[f.type]}`).join(", ");
const frame = (t: GenTable): DF =>
  spark.createDataFrame(t.rows.map((r) => [...r]), ddl(t.schema)) as unknown as DF;

/** One DataFrame method call, generated against the frame's current schema. */
function arbStep(df: DF, level: number): fc.Arbitrary<DF> {
  const s = df.schema;
  const names = s.fields.map((f) => f.name);
  const numeric = s.fields.filter((f) => f.type === "int32" || f.type === "int64" || f.type === "float64").map((f) => f.name);
  const steps: fc.Arbitrary<DF>[] = [
    arbBool(s, 2).map((b) => df.where(new Column(b.expr))),
    arbNumeric(s, 2).map((n) => df.withColumn(`w${level}`, new Column(n.expr)) as DF),
    fc.subarray(names, { minLength: 1 }).map((cols) => df.dropDuplicates(cols).select(...cols) as DF),
    fc.constant(df.distinct()),
    arbBool(s, 1).map((b) => df.union(df.where(new Column(b.expr)))),
    arbBool(s, 1).map((b) => df.subtract(df.where(new Column(b.expr)))),
    fc.tuple(fc.shuffledSubarray(names, { minLength: names.length }), fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }), fc.nat(8))
      .map(([cols, dirs, n]) => df.orderBy(...cols.map((c, i) => (dirs[i] ? asc(c) : desc(c)))).limit(n)),
    fc.tuple(fc.subarray(names, { maxLength: Math.min(2, names.length) }), fc.constantFrom(...names), fc.option(fc.constantFrom(...(numeric.length ? numeric : names)))).map(([keys, c, n]) => {
      const aggs: Column<unknown, string, string>[] = [count("*").as(`n${level}`), count(c).as(`nc${level}`), countDistinct(c).as(`d${level}`), min(c).as(`mi${level}`), max(c).as(`ma${level}`)];
      if (n !== null && numeric.includes(n)) aggs.push(sum(n).as(`s${level}`), avg(n).as(`av${level}`));
      return (keys.length ? df.groupBy(...keys).agg(...aggs) : df.agg(...aggs)) as unknown as DF;
    }),
    // a join with a fresh table sharing one key column
    fc.tuple(fc.constantFrom(...s.fields), fc.constantFrom("inner", "left", "right", "full", "left_semi", "left_anti", "outer")).chain(([key, how]) =>
      arbTable(`j${level}_`, 8, 2).chain((rt) =>
        arbTableOf({ fields: [{ name: key.name, type: key.type, nullable: true }, ...rt.schema.fields] }, 8)
          .map((t) => df.join(frame(t), key.name, how as "inner") as unknown as DF))),
  ];
  return fc.oneof(...steps);
}

function arbFrame(steps: number): fc.Arbitrary<DF> {
  const go = (df: DF, left: number, level: number): fc.Arbitrary<DF> =>
    left <= 0 ? fc.constant(df) : fc.oneof(fc.constant(df), arbStep(df, level).chain((d) => go(d, left - 1, level + 1)));
  return arbTable("c", 20).chain((t) => go(frame(t), steps, 1));
}

describe("DataFrame API through a session = reference", () => {
  it("collect() returns the reference's rows for the frame's plan", async () => {
    await fc.assert(
      fc.asyncProperty(arbFrame(3), async (df) => {
        const expected = evaluate(df.plan, { timeZone: "Asia/Seoul" }).rows;
        const names = df.columns as string[];
        const actual: Row[] = (await df.collect()).map((r) => names.map((n) => (r as Record<string, Row[number]>)[n] ?? null));
        const diff = multisetDiff(expected, actual);
        if (diff) throw new Error(`${diff}\nschema: ${schemaText(df.schema)}\n${await df.explainString("extended")}`);
        expect(await df.count()).toBe(expected.length);
      }),
      { numRuns: Number(process.env.LGDE_PROPERTY_RUNS ?? 100) },
    );
  });
});
