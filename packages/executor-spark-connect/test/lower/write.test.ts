// df.write requests as Spark Connect WriteOperation commands, and the requests Spark cannot write.
import { describe, expect, it } from "vitest";
import { Values, field, rowsToBatches, schema, type SaveMode, type WriteRequest } from "@lgde/core";
import { lowerWrite, SparkLoweringError } from "@lgde/executor-spark-connect";

const s = schema([field("k", "int32"), field("dt", "utf8")]);
const plan = Values.create(rowsToBatches([{ k: 1, dt: "20201025" }], s), s);

function request(changes: Partial<WriteRequest>): WriteRequest {
  return { format: "parquet", mode: "overwrite", target: "/tmp/out", partitionBy: [], options: {}, schema: s, ...changes };
}

describe("lowerWrite", () => {
  it("maps format, path, mode, partitioning columns and options (as strings)", () => {
    const cmd = lowerWrite(plan, request({ format: "CSV", partitionBy: ["dt"], options: { header: true, maxRecordsPerFile: 10, sep: ";", path: "/ignored" } }));
    expect(cmd.writeOperation).toMatchObject({
      source: "csv", path: "/tmp/out", mode: "SAVE_MODE_OVERWRITE", partitioningColumns: ["dt"],
      options: { header: "true", maxRecordsPerFile: "10", sep: ";" },
    });
    expect("localRelation" in cmd.writeOperation.input).toBe(true);
  });
  it("maps every file save mode to Spark's", () => {
    const modes: [SaveMode, string][] = [["append", "SAVE_MODE_APPEND"], ["overwrite", "SAVE_MODE_OVERWRITE"], ["errorIfExists", "SAVE_MODE_ERROR_IF_EXISTS"], ["ignore", "SAVE_MODE_IGNORE"]];
    for (const [mode, spark] of modes) expect(lowerWrite(plan, request({ mode })).writeOperation.mode).toBe(spark);
  });
  it("upsert, mysql and non-scalar options are errors naming them", () => {
    expect(() => lowerWrite(plan, request({ mode: "upsert" }))).toThrow(SparkLoweringError);
    expect(() => lowerWrite(plan, request({ mode: "upsert" }))).toThrow(/upsert.*\/tmp\/out/);
    expect(() => lowerWrite(plan, request({ format: "mysql", target: "kpi" }))).toThrow(/"mysql" to kpi/);
    expect(() => lowerWrite(plan, request({ options: { weird: [1] } }))).toThrow(/option "weird"/);
  });
});
