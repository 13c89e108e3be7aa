// The SinkProvider shared by the file formats: save modes, Hive-style partitionBy, part-file naming,
// and the atomic commit. Formats only supply a writer for one file.
import { randomUUID } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import * as arrow from "apache-arrow";
import {
  schema, type ExecutionContext, type Schema, type SinkProvider, type WriteRequest, type WriteResult,
} from "@lgde/core";
import { makeBatch, makeColumn, type Cell } from "../arrow/builder.js";
import { cellReader } from "../arrow/cells.js";
import { escapePartitionValue } from "../fs/list-files.js";
import { IoError, messageOf } from "../util/errors.js";
import { intOption, stringOption, type Options } from "../util/options.js";
import { formatDate, formatTimestamp } from "../time/zone.js";
import { abandon, commit, pathExists, stage, type CommitKind } from "./commit.js";

/** Writes one file; `close` must flush and fsync it. */
export interface FileWriter {
  write(batch: arrow.RecordBatch): Promise<void>;
  close(): Promise<void>;
}

/** What a file format supplies to {@link fileSink}. */
export interface FileFormat {
  readonly format: string;
  readonly extension: string;
  /** Whether an unpartitioned write of no rows still writes one (empty) file, so the schema survives. */
  readonly writeEmptyFile: boolean;
  open(file: string, dataSchema: Schema, options: Options, ctx: ExecutionContext): Promise<FileWriter>;
}

/** A partition column value as its directory text (Spark renders dates as yyyy-MM-dd, timestamps in the zone). */
function partitionText(v: Cell, type: Schema["fields"][number]["type"], zone: string): string {
  if (v === null) return escapePartitionValue(null);
  if (type === "date") return escapePartitionValue(formatDate(Number(v)));
  if (type === "timestamp") return escapePartitionValue(formatTimestamp(BigInt(v), zone).replace("T", " "));
  return escapePartitionValue(String(v));
}

/** Rows `rows` of `batch` restricted to the columns `keep` of `out`. */
function take(batch: arrow.RecordBatch, out: Schema, keepIdx: readonly number[], rows: readonly number[] | null): arrow.RecordBatch {
  const n = rows === null ? batch.numRows : rows.length;
  const cols = keepIdx.map((ci, k) => {
    const vec = batch.getChildAt(ci)!;
    const type = out.fields[k]!.type;
    if (rows === null && vec.data.length === 1) return vec.data[0]!;
    const at = cellReader(vec, type);
    return makeColumn(type, rows === null ? Array.from({ length: n }, (_, i) => at(i)) : rows.map((r) => at(r)));
  });
  return makeBatch(out, cols, n);
}

/** A SinkProvider for a file format. */
export function fileSink(fmt: FileFormat): SinkProvider {
  return {
    format: fmt.format,
    async write(batches: AsyncIterable<arrow.RecordBatch>, request: WriteRequest, ctx: ExecutionContext): Promise<WriteResult> {
      const target = path.resolve(request.target);
      const what = `${fmt.format} ${target}`;
      const names = request.schema.fields.map((f) => f.name);
      for (const p of request.partitionBy) {
        if (!names.includes(p)) throw new IoError(`write ${what}: partitionBy column "${p}" does not exist; columns: ${names.join(", ")}`);
      }
      const partIdx = request.partitionBy.map((p) => names.indexOf(p));
      const dataIdx = names.map((_, i) => i).filter((i) => !partIdx.includes(i));
      if (dataIdx.length === 0) throw new IoError(`write ${what}: every column is a partition column; nothing left to write in the files`);
      const dataSchema = schema(dataIdx.map((i) => request.schema.fields[i]!));
      const maxRecords = intOption(request.options, "maxRecordsPerFile", Number.MAX_SAFE_INTEGER);
      const overwriteMode = (stringOption(request.options, "partitionOverwriteMode", "dynamic")).toLowerCase();

      const existed = await pathExists(target);
      let kind: CommitKind;
      switch (request.mode) {
        case "errorIfExists":
          if (existed) throw new IoError(`write ${what}: path already exists (use mode "overwrite" or "append")`);
          kind = "create";
          break;
        case "ignore":
          if (existed) return { rows: 0, files: 0, partitions: [], skipped: true };
          kind = "create";
          break;
        case "overwrite":
          kind = existed ? (request.partitionBy.length > 0 && overwriteMode !== "static" ? "replacePartitions" : "replace") : "create";
          break;
        case "append":
          kind = existed ? "append" : "create";
          break;
        case "upsert":
          throw new IoError(`write ${what}: mode "upsert" is for databases; files support overwrite, append, errorIfExists and ignore`);
      }

      const staging = await stage(target);
      const jobId = randomUUID();
      const writers = new Map<string, { w: FileWriter; rows: number }>();
      const partitions: string[] = [];
      let fileSeq = 0, rows = 0;
      const task = `write ${what}`;

      const open = async (dir: string): Promise<{ w: FileWriter; rows: number }> => {
        const d = path.join(staging.tmp, dir);
        await fsp.mkdir(d, { recursive: true });
        const file = path.join(d, `part-${String(fileSeq++).padStart(5, "0")}-${jobId}.${fmt.extension}`);
        const entry = { w: await fmt.open(file, dataSchema, request.options, ctx), rows: 0 };
        writers.set(dir, entry);
        return entry;
      };
      const writeTo = async (dir: string, batch: arrow.RecordBatch): Promise<void> => {
        let entry = writers.get(dir) ?? (partitions.push(dir), await open(dir));
        let offset = 0;
        while (offset < batch.numRows) {
          if (entry.rows >= maxRecords) {
            await entry.w.close();
            entry = await open(dir);
          }
          const n = Math.min(batch.numRows - offset, maxRecords - entry.rows);
          await entry.w.write(offset === 0 && n === batch.numRows ? batch : batch.slice(offset, offset + n));
          entry.rows += n;
          offset += n;
        }
      };

      try {
        for await (const batch of batches) {
          if (batch.numRows === 0) continue;
          rows += batch.numRows;
          if (partIdx.length === 0) {
            await writeTo("", take(batch, dataSchema, dataIdx, null));
          } else {
            const readers = partIdx.map((i) => cellReader(batch.getChildAt(i)!, request.schema.fields[i]!.type));
            const groups = new Map<string, number[]>();
            for (let r = 0; r < batch.numRows; r++) {
              const key = partIdx.map((ci, k) => `${names[ci]}=${partitionText(readers[k]!(r), request.schema.fields[ci]!.type, ctx.timeZone)}`).join("/");
              let g = groups.get(key);
              if (g === undefined) groups.set(key, (g = []));
              g.push(r);
            }
            for (const [key, idx] of groups) await writeTo(key, take(batch, dataSchema, dataIdx, groups.size === 1 ? null : idx));
          }
          ctx.onProgress?.({ task, rows, partitionsDone: writers.size });
        }
        if (writers.size === 0 && partIdx.length === 0 && fmt.writeEmptyFile) await open("");
        for (const { w } of writers.values()) await w.close();
        await fsp.writeFile(path.join(staging.tmp, "_SUCCESS"), "");
      } catch (e) {
        await Promise.allSettled([...writers.values()].map(({ w }) => w.close()));
        await abandon(staging);
        if (e instanceof IoError) throw e;
        throw new IoError(`write ${what}: ${messageOf(e)}`, { cause: e });
      }
      await commit(staging, kind, partIdx.length);
      ctx.onProgress?.({ task, rows, partitionsDone: partitions.length, partitionsTotal: partitions.length, done: true });
      return { rows, files: fileSeq, partitions: partitions.filter((p) => p !== "").sort() };
    },
  };
}
