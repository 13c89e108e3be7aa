// Type tests for Session: createDataFrame overloads and typed readers.
import * as arrow from "apache-arrow";
import { describe, expectTypeOf, test } from "vitest";
import { Session, col, type DataFrame } from "../../src/index.js";

const spark = Session.builder().getOrCreate();

describe("Session types", () => {
  test("createDataFrame overloads", () => {
    expectTypeOf(spark.createDataFrame([[1, "a"]], ["k", "g"])).toEqualTypeOf<DataFrame<{ k: unknown; g: unknown }>>();
    expectTypeOf(spark.createDataFrame(new arrow.Table())).toEqualTypeOf<DataFrame<Record<string, unknown>>>();
    const ddl: string = "k int";
    expectTypeOf(spark.createDataFrame([], ddl)).toEqualTypeOf<DataFrame<Record<string, unknown>>>();
  });
  test("readers give open rows, or typed rows with a DDL schema", () => {
    expectTypeOf(spark.read.parquet("/x")).resolves.toEqualTypeOf<DataFrame<Record<string, unknown>>>();
    expectTypeOf(spark.read.schema("a int, b string").csv("/x")).resolves
      .toEqualTypeOf<DataFrame<{ a: number | null; b: string | null }>>();
  });
  test("union requires the same row type", () => {
    const a = spark.createDataFrame([], "k int");
    const b = spark.createDataFrame([], "g string");
    expectTypeOf(a.union(a)).toEqualTypeOf<DataFrame<{ k: number | null }>>();
    // @ts-expect-error different columns
    a.union(b);
    // @ts-expect-error where needs columns of this frame
    a.where(col("g").isNull());
  });
});
