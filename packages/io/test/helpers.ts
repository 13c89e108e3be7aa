// Test helpers: a minimal ExecutionContext, temp dirs, and direct provider calls (no session needed).
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as arrow from "apache-arrow";
import {
  schema as makeSchema, field, type DataType, type ExecutionContext, type Expr, type JsonValue, type ProgressEvent,
  type Schema, type SinkProvider, type SourceProvider, type SourceRef, type WriteRequest, type WriteResult, type SaveMode,
} from "@lgde/core";
import { makeBatch, makeColumn, type Cell } from "../src/arrow/builder.js";
import { cellReader } from "../src/arrow/cells.js";

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lgde-io-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function context(events: ProgressEvent[] = [], timeZone = "Asia/Seoul", batchSize = 1024): ExecutionContext {
  return {
    timeZone,
    batchSize,
    sources: {
      source: () => { throw new Error("no registry in provider tests"); },
      sink: () => { throw new Error("no registry in provider tests"); },
    },
    onProgress: (e) => events.push(e),
  };
}

export function schemaOf(spec: Record<string, DataType>): Schema {
  return makeSchema(Object.entries(spec).map(([n, t]) => field(n, t, true)));
}

/** A batch of `s` from rows of cells (int64/timestamp as bigint, date as days). */
export function batchOf(s: Schema, rows: readonly (readonly Cell[])[]): arrow.RecordBatch {
  return makeBatch(s, s.fields.map((f, i) => makeColumn(f.type, rows.map((r) => r[i] ?? null))), rows.length);
}

export async function* asStream(batches: readonly arrow.RecordBatch[]): AsyncIterable<arrow.RecordBatch> {
  for (const b of batches) yield b;
}

export async function write(sink: SinkProvider, target: string, s: Schema, rows: readonly (readonly Cell[])[],
  opts: { mode?: SaveMode; partitionBy?: string[]; options?: Record<string, JsonValue>; ctx?: ExecutionContext } = {}): Promise<WriteResult> {
  const request: WriteRequest = {
    format: sink.format, mode: opts.mode ?? "errorIfExists", target, partitionBy: opts.partitionBy ?? [],
    options: opts.options ?? {}, schema: s,
  };
  return sink.write(asStream(rows.length === 0 ? [] : [batchOf(s, rows)]), request, opts.ctx ?? context());
}

export interface ReadResult {
  ref: SourceRef;
  rows: Cell[][];
  partitions: number;
  batches: arrow.RecordBatch[];
}

/** Resolves, lists partitions and reads them all, returning rows as cells in the output schema's order. */
export async function read(source: SourceProvider, options: Record<string, JsonValue>,
  pushdown: { projection?: string[] | null; filters?: Expr[] } = {}, ctx: ExecutionContext = context()): Promise<ReadResult> {
  const ref = await source.resolve(options);
  const pd = { projection: pushdown.projection ?? null, filters: pushdown.filters ?? [] };
  const parts = await source.partitions(ref, pd);
  const rows: Cell[][] = [];
  const batches: arrow.RecordBatch[] = [];
  const out = pd.projection === null ? ref.schema : makeSchema(ref.schema.fields.filter((f) => pd.projection!.includes(f.name)));
  for (const p of parts) {
    for await (const b of source.read(ref, p, pd, ctx)) {
      batches.push(b);
      if (b.schema.fields.map((f) => f.name).join() !== out.fields.map((f) => f.name).join()) {
        throw new Error(`batch columns ${b.schema.fields.map((f) => f.name)} != ${out.fields.map((f) => f.name)}`);
      }
      const readers = out.fields.map((f, i) => cellReader(b.getChildAt(i)!, f.type));
      for (let r = 0; r < b.numRows; r++) rows.push(readers.map((rd) => rd(r)));
    }
  }
  return { ref, rows, partitions: parts.length, batches };
}

export const col = (name: string): Expr => ({ kind: "column", name });
export const lit = (value: string | number | boolean | null, type: DataType): Expr => ({ kind: "literal", value, type });
export const cmp = (op: "=" | "<" | ">" | "<=" | ">=" | "!=", l: Expr, r: Expr): Expr => ({ kind: "binary", op, left: l, right: r });
