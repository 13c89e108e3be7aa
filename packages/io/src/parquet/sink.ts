// Parquet writer: our batches → Arrow IPC → parquet-wasm's streaming writer, row groups flushed to disk
// as they fill. int32 stays INT32, int64 INT64, strings UTF8, timestamps INT64 micros UTC, dates DATE.
import { promises as fsp } from "node:fs";
import * as arrow from "apache-arrow";
import { toArrowSchema, unaliasBuffers, type Schema } from "@lgde/core";
import { fileSink, type FileFormat, type FileWriter } from "../write/file-sink.js";
import { IoError, messageOf } from "../util/errors.js";
import { intOption, stringOption, type Options } from "../util/options.js";
import { pw } from "./wasm.js";

const CODECS: Readonly<Record<string, pw.Compression>> = {
  none: pw.Compression.UNCOMPRESSED, uncompressed: pw.Compression.UNCOMPRESSED, snappy: pw.Compression.SNAPPY,
  gzip: pw.Compression.GZIP, zstd: pw.Compression.ZSTD, lz4: pw.Compression.LZ4_RAW, brotli: pw.Compression.BROTLI,
};

function properties(o: Options): pw.WriterProperties {
  const codec = stringOption(o, "compression", "snappy").toLowerCase();
  const c = CODECS[codec];
  if (c === undefined) throw new IoError(`parquet: unknown compression "${codec}"; use one of ${Object.keys(CODECS).join(", ")}`);
  return new pw.WriterPropertiesBuilder()
    .setCompression(c)
    .setMaxRowGroupSize(intOption(o, "rowGroupSize", 1024 * 1024))
    .setStatisticsEnabled(pw.EnabledStatistics.Chunk)
    .setCreatedBy("lgde")
    .build();
}

function toWasm(batch: arrow.RecordBatch): pw.RecordBatch {
  // Columns sharing one buffer (e.g. the same aggregate twice) would corrupt the IPC stream.
  const t = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table([unaliasBuffers(batch)]), "stream"));
  try {
    return t.recordBatch(0)!;
  } finally {
    t.free();
  }
}

async function open(file: string, dataSchema: Schema, options: Options): Promise<FileWriter> {
  const props = properties(options);
  const fh = await fsp.open(file, "wx");
  const arrowSchema = toArrowSchema(dataSchema);
  let controller!: ReadableStreamDefaultController<pw.RecordBatch>;
  let wake: (() => void) | null = null;
  let pump: Promise<void> | null = null;
  let failure: unknown = null;

  // Starts the streaming writer with the first batch (it reads one batch for the schema before
  // returning); it then pulls batches while we append its bytes to the file.
  const start = async (first: pw.RecordBatch): Promise<void> => {
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
    })().catch((e: unknown) => { failure = e; const w = wake; wake = null; w?.(); });
  };

  return {
    async write(batch) {
      if (failure !== null) throw failure;
      if (pump === null) {
        await start(toWasm(batch));
        return;
      }
      controller.enqueue(toWasm(batch));
      // Backpressure: wait until the writer has taken what we gave it.
      if ((controller.desiredSize ?? 1) <= 0 && failure === null) await new Promise<void>((r) => { wake = r; });
      if (failure !== null) throw new IoError(`parquet: cannot write ${file}: ${messageOf(failure)}`, { cause: failure });
    },
    async close() {
      try {
        if (pump === null) {
          // No rows: a file holding only the schema, so that readers still find the columns.
          const t = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table(arrowSchema), "stream"));
          await fh.write(pw.writeParquet(t, props));
        } else {
          controller.close();
          await pump;
          if (failure !== null) throw new IoError(`parquet: cannot write ${file}: ${messageOf(failure)}`, { cause: failure });
        }
        await fh.sync();
      } finally {
        await fh.close().catch(() => undefined);
      }
    },
  };
}

const parquetFormat: FileFormat = { format: "parquet", extension: "parquet", writeEmptyFile: true, open };

/** Writes Parquet: `df.write.mode(m).partitionBy(...).parquet(path)`; options `compression`, `rowGroupSize`, `maxRecordsPerFile`. */
export const parquetSink = fileSink(parquetFormat);
