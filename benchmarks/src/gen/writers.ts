// Streaming writers for the generator: one Arrow batch at a time to Parquet, JSON lines and CSV.
import { createWriteStream, promises as fsp, type WriteStream } from "node:fs";
import * as arrow from "apache-arrow";
import { pw } from "../util/parquet-wasm.js";

/** A sink of record batches; `close()` finishes the file. */
export interface BatchWriter {
  write(batch: arrow.RecordBatch): Promise<void>;
  close(): Promise<void>;
}

/** Parquet (snappy, 1Mi-row row groups), through parquet-wasm's streaming writer, as @lgde/io writes it. */
export async function parquetWriter(file: string): Promise<BatchWriter> {
  const fh = await fsp.open(file, "w");
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).setMaxRowGroupSize(1024 * 1024).build();
  let controller!: ReadableStreamDefaultController<pw.RecordBatch>;
  let pump: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const toWasm = (b: arrow.RecordBatch): pw.RecordBatch => {
    const t = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table([b]), "stream"));
    try { return t.recordBatch(0)!; } finally { t.free(); }
  };
  return {
    async write(batch) {
      if (pump === null) {
        const first = toWasm(batch);
        const input = new ReadableStream<pw.RecordBatch>({
          start: (c) => { controller = c; c.enqueue(first); },
          pull: () => { const w = wake; wake = null; w?.(); },
        }, { highWaterMark: 1 });
        const output = await pw.transformParquetStream(input, props);
        pump = (async () => {
          const reader = output.getReader() as ReadableStreamDefaultReader<Uint8Array>;
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            await fh.write(value);
          }
        })();
        return;
      }
      controller.enqueue(toWasm(batch));
      // Backpressure: wait until the writer has taken the batch, so at most a couple are held in wasm memory.
      if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((r) => { wake = r; });
    },
    async close() {
      controller.close();
      await pump;
      await fh.close();
    },
  };
}

async function put(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
}

async function end(out: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => { out.once("error", reject); out.end(() => resolve()); });
}

/** Cell text of column `c` at row `i`: numbers as digits, bigint without `n`, strings as they are. */
function cell(v: unknown): string {
  return typeof v === "bigint" ? v.toString() : String(v);
}

/** JSON lines, one object per row, null fields written as null. */
export function jsonLinesWriter(file: string): BatchWriter {
  const out = createWriteStream(file);
  return {
    async write(batch) {
      const names = batch.schema.fields.map((f) => JSON.stringify(f.name));
      const cols = batch.schema.fields.map((_, j) => batch.getChildAt(j)!);
      const isString = batch.schema.fields.map((f) => arrow.DataType.isUtf8(f.type));
      const lines: string[] = [];
      for (let i = 0; i < batch.numRows; i++) {
        let s = "{";
        for (let j = 0; j < cols.length; j++) {
          const v: unknown = cols[j]!.get(i);
          s += (j ? "," : "") + names[j] + ":" + (v == null ? "null" : isString[j] ? JSON.stringify(v) : cell(v));
        }
        lines.push(s + "}\n");
      }
      await put(out, lines.join(""));
    },
    close: () => end(out),
  };
}

/** CSV with a header line; the generated strings hold no commas, quotes or newlines; null is an empty cell. */
export function csvWriter(file: string): BatchWriter {
  const out = createWriteStream(file);
  let header = false;
  return {
    async write(batch) {
      const cols = batch.schema.fields.map((_, j) => batch.getChildAt(j)!);
      const lines: string[] = [];
      if (!header) { lines.push(batch.schema.fields.map((f) => f.name).join(",") + "\n"); header = true; }
      for (let i = 0; i < batch.numRows; i++) {
        let s = "";
        for (let j = 0; j < cols.length; j++) {
          const v: unknown = cols[j]!.get(i);
          s += (j ? "," : "") + (v == null ? "" : cell(v));
        }
        lines.push(s + "\n");
      }
      await put(out, lines.join(""));
    },
    close: () => end(out),
  };
}
