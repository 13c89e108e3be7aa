import { describe, expect, test } from "vitest";
import {
  Session, type ExecutionContext, type LogicalPlan, type SinkProvider, type WriteRequest, type WriteResult,
} from "../../src/index.js";
import { FakeExecutor } from "../support/fake-executor.js";

/** A fake executor that writes itself, recording what it was asked. */
class WritingExecutor extends FakeExecutor {
  readonly writes: { plan: LogicalPlan; request: WriteRequest }[] = [];
  constructor(readonly wantsUnoptimizedPlan: boolean) {
    super();
  }
  write(plan: LogicalPlan, request: WriteRequest, _ctx: ExecutionContext): Promise<WriteResult> {
    this.writes.push({ plan, request });
    return Promise.resolve({ rows: 42, files: 1, partitions: ["g=a"] });
  }
}

/** A sink that records the rows it got, so the fallback path is observable. */
function recordingSink(format: string, got: number[]): SinkProvider {
  return {
    format,
    async write(batches, _request, _ctx) {
      let rows = 0;
      for await (const b of batches) rows += b.numRows;
      got.push(rows);
      return { rows, files: 1, partitions: [] };
    },
  };
}

function session(executor: FakeExecutor, got: number[]) {
  return Session.builder().timeZone("UTC").executor(executor)
    .use({ name: "recording", sinks: [recordingSink("parquet", got)] }).getOrCreate();
}

describe("DataFrameWriter with an executor that writes", () => {
  test("the executor's write hook gets the plan and request; the sink is not used", async () => {
    const executor = new WritingExecutor(true);
    const got: number[] = [];
    const spark = session(executor, got);
    const df = spark.createDataFrame([{ k: 1, g: "a" }, { k: 2, g: "b" }], "k int, g string");
    const out = df.select("g", "k");
    const result = await out.write.mode("overwrite").partitionBy("g").option("compression", "zstd").parquet("/tmp/x");
    expect(result).toEqual({ rows: 42, files: 1, partitions: ["g=a"] });
    expect(got).toEqual([]);
    expect(executor.writes).toHaveLength(1);
    const { plan, request } = executor.writes[0]!;
    // wantsUnoptimizedPlan: the plan exactly as the user built it.
    expect(plan).toBe(out.plan);
    expect(request).toMatchObject({
      format: "parquet", mode: "overwrite", target: "/tmp/x", partitionBy: ["g"], options: { compression: "zstd" },
    });
    expect(request.schema).toBe(out.plan.schema);
  });

  test("without the hook the sink receives the executed batches", async () => {
    const got: number[] = [];
    const spark = session(new FakeExecutor(), got);
    const df = spark.createDataFrame([{ k: 1 }, { k: 2 }, { k: 3 }], "k int");
    const result = await df.write.mode("overwrite").parquet("/tmp/y");
    expect(result.rows).toBe(3);
    expect(got).toEqual([3]);
  });
});
