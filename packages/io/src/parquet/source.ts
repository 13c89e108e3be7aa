// Parquet reader: files or directories (Hive partitions discovered), projection pushdown, row groups
// streamed as record batches, and row groups or partition directories skipped by pushed-down filters.
import * as arrow from "apache-arrow";
import {
  fromArrowSchema, schema, type ExecutionContext, type Field, type JsonValue, type Schema, type ScanPushdown,
  type SourcePartition, type SourceProvider, type SourceRef,
} from "@lgde/core";
import { makeBatch, makeColumn, type Cell } from "../arrow/builder.js";
import { cellReader } from "../arrow/cells.js";
import { coerceVector } from "../arrow/coerce.js";
import { listDataFiles } from "../fs/list-files.js";
import {
  descriptorValues, partitionCells, partitionFields, partitionMayMatch, partitionRange, schemaOption,
} from "../fs/partitioning.js";
import { mayMatch } from "../pushdown/may-match.js";
import { IoError, messageOf } from "../util/errors.js";
import { pathsOption } from "../util/options.js";
import { rowGroupRanges } from "./stats.js";
import type { RowGroupInfo } from "./footer.js";
import { openParquet, type ByteSpan } from "./wasm.js";

const FORMAT = "parquet";
/** Row groups of one file are split into partitions of about this many rows, for parallel reads. */
const ROWS_PER_PARTITION = 1_000_000;

interface Descriptor {
  readonly file: string;
  readonly values: Readonly<Record<string, string | null>>;
  readonly rowGroups: readonly number[];
}

function partitionColumnsOf(ref: SourceRef): string[] {
  const v = ref.options["partitionColumns"];
  return Array.isArray(v) ? (v as string[]) : [];
}

function partitionFieldsOf(ref: SourceRef): Field[] {
  const cols = partitionColumnsOf(ref);
  return ref.schema.fields.filter((f) => cols.includes(f.name));
}

async function resolve(options: { readonly [key: string]: JsonValue }): Promise<SourceRef> {
  const paths = pathsOption(options, FORMAT);
  const listing = await listDataFiles(paths, FORMAT);
  const parts = partitionFields(listing, options, FORMAT);
  let data: Schema | null = schemaOption(options);
  if (data === null) {
    const first = listing.files[0];
    if (first === undefined) {
      throw new IoError(`parquet: no data files under ${paths.join(", ")}; cannot infer a schema (give one with the "schema" option)`);
    }
    const pf = await openParquet(first.path);
    try {
      data = fromArrowSchema(pf.arrowSchema);
    } catch (e) {
      throw new IoError(`parquet: ${first.path}: ${messageOf(e)}`, { cause: e });
    } finally {
      await pf.close();
    }
  }
  const names = new Set(data.fields.map((f) => f.name));
  return Object.freeze({
    format: FORMAT,
    options: Object.freeze({ ...options, partitionColumns: listing.partitionColumns.filter((c) => !names.has(c)) }),
    schema: schema([...data.fields.map((f) => ({ ...f, nullable: true })), ...parts.filter((p) => !names.has(p.name))]),
    description: `parquet ${paths.join(", ")}`,
  });
}

async function partitions(ref: SourceRef, pushdown: ScanPushdown): Promise<readonly SourcePartition[]> {
  const listing = await listDataFiles(pathsOption(ref.options, FORMAT), FORMAT);
  const fields = partitionFieldsOf(ref);
  const out: SourcePartition[] = [];
  for (const f of listing.files) {
    const cells = partitionCells(fields, f.partitionValues, f.path, "UTC");
    if (!partitionMayMatch(pushdown.filters, cells)) continue;
    const pf = await openParquet(f.path);
    try {
      const kept: { index: number; rows: number }[] = [];
      pf.footer.rowGroups.forEach((rg, index) => {
        if (pushdown.filters.length > 0) {
          const ranges = rowGroupRanges(rg, pf.arrowSchema);
          const lookup = (c: string) => (cells.has(c) ? partitionRange(cells.get(c)!) : ranges.get(c));
          if (!pushdown.filters.every((e) => mayMatch(e, lookup))) return;
        }
        kept.push({ index, rows: rg.rows });
      });
      // Consecutive row groups are grouped up to ROWS_PER_PARTITION rows.
      let group: number[] = [], rows = 0;
      const flush = (): void => {
        if (group.length === 0) return;
        const d: Descriptor = { file: f.path, values: f.partitionValues, rowGroups: group };
        out.push(Object.freeze({ id: `${f.path}#${group[0]}-${group[group.length - 1]}`, descriptor: d as unknown as JsonValue, estimatedRows: rows }));
        group = []; rows = 0;
      };
      for (const k of kept) {
        if (rows > 0 && rows + k.rows > ROWS_PER_PARTITION) flush();
        group.push(k.index); rows += k.rows;
      }
      flush();
    } finally {
      await pf.close();
    }
  }
  return out;
}

/** Chunks closer than this are read as one span (as object stores coalesce ranges). */
const SPAN_GAP = 1 << 20;

/**
 * The byte spans of `columns` in a row group, in file order: runs of chunks whose gaps are small
 * (other columns' bytes in between are read with them), so that a few columns of a wide file are
 * read alone. Empty when the footer does not say where a chunk is.
 */
function byteSpans(rg: RowGroupInfo | undefined, columns: readonly string[]): ByteSpan[] {
  if (rg === undefined) return [];
  const chunks: { start: number; end: number }[] = [];
  for (const name of columns) {
    const chunk = rg.columns.find((c) => c.column === name);
    if (chunk?.bytes === undefined) return [];
    chunks.push({ start: chunk.bytes.start, end: chunk.bytes.start + chunk.bytes.length });
  }
  chunks.sort((a, b) => a.start - b.start);
  const spans: { start: number; end: number }[] = [];
  for (const c of chunks) {
    const last = spans[spans.length - 1];
    if (last !== undefined && c.start - last.end <= SPAN_GAP) last.end = Math.max(last.end, c.end);
    else spans.push(c);
  }
  return spans;
}

async function* read(ref: SourceRef, partition: SourcePartition, pushdown: ScanPushdown, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch> {
  const d = partition.descriptor as unknown as Descriptor;
  if (d.rowGroups.length === 0) return;
  const partFields = partitionFieldsOf(ref);
  const cells = partitionCells(partFields, descriptorValues(d.values as unknown as JsonValue), d.file, ctx.timeZone);
  const out = pushdown.projection === null ? ref.schema : schema(ref.schema.fields.filter((f) => pushdown.projection!.includes(f.name)));
  const pf = await openParquet(d.file);
  const task = `scan parquet ${d.file}`;
  let reader: ReadableStreamDefaultReader<unknown> | undefined;
  try {
    const inFile = new Set(pf.arrowSchema.fields.map((f) => f.name));
    const columns = out.fields.filter((f) => !cells.has(f.name) && inFile.has(f.name)).map((f) => f.name);
    pf.readAhead(d.rowGroups.flatMap((rg) => byteSpans(pf.footer.rowGroups[rg], columns)));
    const stream = await pf.handle.stream({ rowGroups: [...d.rowGroups], columns, batchSize: Math.max(1, ctx.batchSize) });
    reader = stream.getReader() as ReadableStreamDefaultReader<unknown>;
    let total = 0;
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      const table = arrow.tableFromIPC((next.value as { intoIPCStream(): Uint8Array }).intoIPCStream());
      for (const batch of table.batches) {
        const n = batch.numRows;
        if (n === 0) continue;
        const cols = out.fields.map((f) => {
          if (cells.has(f.name)) return makeColumn(f.type, new Array<Cell>(n).fill(cells.get(f.name)!));
          const child = batch.getChild(f.name);
          if (child === null) return makeColumn(f.type, new Array<Cell>(n).fill(null)); // column absent from this file
          const chunks = coerceVector(child, f.type, f.name);
          if (chunks.length === 1) return chunks[0]!;
          const joined = arrow.makeVector(chunks), at = cellReader(joined, f.type);
          return makeColumn(f.type, Array.from({ length: n }, (_, i) => at(i)));
        });
        total += n;
        yield makeBatch(out, cols, n);
      }
      ctx.onProgress?.({ task, rows: total });
      if (ctx.signal?.aborted) throw new IoError(`parquet: read of ${d.file} aborted`);
    }
    ctx.onProgress?.({ task, rows: total, done: true });
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`parquet: cannot read ${d.file}: ${messageOf(e)}`, { cause: e });
  } finally {
    if (reader !== undefined) await reader.cancel().catch(() => undefined);
    await pf.close();
  }
}

/** Reads Parquet files: `spark.read.parquet(path)`; see the package README for options. */
export const parquetSource: SourceProvider = { format: FORMAT, resolve, partitions, read };
