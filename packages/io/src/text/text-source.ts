// The SourceProvider shared by the line-oriented text formats (CSV, JSON lines): file listing,
// partition discovery and pruning, schema resolution, bad-record policy and batching.
import type * as arrow from "apache-arrow";
import {
  schema, type ExecutionContext, type JsonValue, type Schema, type ScanPushdown, type SourcePartition,
  type SourceProvider, type SourceRef,
} from "@lgde/core";
import type { Cell } from "../arrow/builder.js";
import { listDataFiles } from "../fs/list-files.js";
import { descriptorValues, partitionCells, partitionFields, partitionMayMatch, schemaOption } from "../fs/partitioning.js";
import { IoError } from "../util/errors.js";
import { pathsOption, type Options } from "../util/options.js";
import { BadRecordCollector, badRecordPolicy, type BadRecordPolicy } from "./bad-records.js";
import { dataFields, RowAssembler, textSourceSchema } from "./rows.js";

/** One record of a text file: its data cells, or null with its raw text when it is bad (PERMISSIVE). */
export interface TextRow {
  readonly cells: readonly Cell[] | null;
  readonly line: number;
  readonly raw: string | null;
}

/** What a text format supplies to {@link textSource}. */
export interface TextFormat {
  readonly format: string;
  /** Infers the data schema from the files (all of them, as Spark's default sampling does). */
  infer(files: readonly string[], options: Options, policy: BadRecordPolicy, zone: string): Promise<Schema>;
  /**
   * Streams a file's records typed as `data`, in order, a chunk of them at a time (awaiting each record
   * costs more than converting it); reports bad ones to `bad` (which throws in FAILFAST).
   */
  rows(file: string, data: Schema, options: Options, zone: string, bad: BadRecordCollector): AsyncIterable<readonly TextRow[]>;
}

/** The time zone used while resolving (inference does not depend on it; parsing timestamps does). */
const RESOLVE_ZONE = "UTC";

/** A SourceProvider for a text format. */
export function textSource(fmt: TextFormat): SourceProvider {
  const { format } = fmt;
  return {
    format,

    async resolve(options: { readonly [key: string]: JsonValue }): Promise<SourceRef> {
      const paths = pathsOption(options, format);
      const policy = badRecordPolicy(options, format);
      const listing = await listDataFiles(paths, format);
      const parts = partitionFields(listing, options, format);
      let data = schemaOption(options);
      if (data === null) {
        if (listing.files.length === 0) {
          throw new IoError(`${format}: no data files under ${paths.join(", ")}; cannot infer a schema (give one with the "schema" option)`);
        }
        data = await fmt.infer(listing.files.map((f) => f.path), options, policy, RESOLVE_ZONE);
      }
      const withExtras = textSourceSchema(data, policy, format);
      const names = new Set(withExtras.fields.map((f) => f.name));
      const full = schema([...withExtras.fields, ...parts.filter((p) => !names.has(p.name))]);
      return Object.freeze({
        format,
        options: Object.freeze({ ...options, partitionColumns: listing.partitionColumns }),
        schema: full,
        description: `${format} ${paths.join(", ")}`,
      });
    },

    async partitions(ref: SourceRef, pushdown: ScanPushdown): Promise<readonly SourcePartition[]> {
      const listing = await listDataFiles(pathsOption(ref.options, format), format);
      const fields = partitionFields(listing, ref.options, format);
      return listing.files
        .filter((f) => partitionMayMatch(pushdown.filters, partitionCells(fields, f.partitionValues, f.path, RESOLVE_ZONE)))
        .map((f) => Object.freeze({ id: f.path, descriptor: { file: f.path, values: f.partitionValues }, estimatedRows: f.size }));
    },

    async *read(ref: SourceRef, partition: SourcePartition, pushdown: ScanPushdown, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch> {
      const d = partition.descriptor as { readonly file: string; readonly values: JsonValue };
      const policy = badRecordPolicy(ref.options, format);
      const partCols = Array.isArray(ref.options["partitionColumns"]) ? (ref.options["partitionColumns"] as string[]) : [];
      const partFields = ref.schema.fields.filter((f) => partCols.includes(f.name));
      const cells = partitionCells(partFields, descriptorValues(d.values), d.file, ctx.timeZone);
      const data = dataFields(ref.schema, policy, partCols);
      const rows = new RowAssembler(ref.schema, data, policy, pushdown.projection, Math.max(1, ctx.batchSize), cells);
      const bad = new BadRecordCollector(policy, format, d.file, ctx);
      const task = `scan ${format} ${d.file}`;
      let total = 0;
      try {
        for await (const chunk of fmt.rows(d.file, data, ref.options, ctx.timeZone, bad)) {
          for (const r of chunk) {
            rows.add(r.cells, r.line, r.raw);
            if (rows.full) {
              total += rows.length;
              yield rows.finish();
              ctx.onProgress?.({ task, rows: total });
              if (ctx.signal?.aborted) throw new IoError(`${format}: read of ${d.file} aborted`);
            }
          }
        }
        if (rows.length > 0) {
          total += rows.length;
          yield rows.finish();
        }
        ctx.onProgress?.({ task, rows: total, done: true });
      } finally {
        await bad.finish();
      }
    },
  };
}
