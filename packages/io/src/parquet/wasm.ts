// parquet-wasm access with errors that name our file instead of surfacing a WebAssembly trace.
import { open, type FileHandle } from "node:fs/promises";
import * as arrow from "apache-arrow";
import * as pw from "parquet-wasm/node";
import { IoError, messageOf } from "../util/errors.js";
import { readFooter, type Footer } from "./footer.js";

export { pw };

/** An open Parquet file: its footer (ours), parquet-wasm handle and Arrow schema. Call `close()`. */
export interface OpenParquet {
  readonly file: string;
  readonly footer: Footer;
  readonly handle: pw.ParquetFile;
  readonly arrowSchema: arrow.Schema;
  close(): Promise<void>;
}

/**
 * A byte range of an open file, with what parquet-wasm reads of a Blob (`size`, `slice`,
 * `arrayBuffer`). Each column chunk it asks for is one positioned read into one buffer: a file
 * Blob streams it in 64 KiB pieces joined afterwards, which cost more time waiting and more
 * allocations (each of which brought the next full garbage collection closer) than decoding.
 */
export class FileRange {
  constructor(private readonly fh: FileHandle, private readonly file: string, private readonly start: number, private readonly end: number) {}

  get size(): number {
    return this.end - this.start;
  }

  /** Blob.slice: offsets within this range, negative ones from its end, clamped. */
  slice(from = 0, to = this.size): FileRange {
    const at = (x: number) => (x < 0 ? Math.max(this.size + x, 0) : Math.min(x, this.size));
    const a = at(from), b = Math.max(at(to), a);
    return new FileRange(this.fh, this.file, this.start + a, this.start + b);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const n = this.size;
    const bytes = new Uint8Array(n);
    for (let got = 0; got < n;) {
      const { bytesRead } = await this.fh.read(bytes, got, n - got, this.start + got);
      if (bytesRead === 0) throw new IoError(`parquet: ${this.file} ended at byte ${this.start + got}, before the ${n} bytes at ${this.start} (was it changed while being read?)`);
      got += bytesRead;
    }
    return bytes.buffer;
  }
}

/** Opens `file` lazily (row groups are read on demand). */
export async function openParquet(file: string): Promise<OpenParquet> {
  let footer: Footer;
  try {
    footer = await readFooter(file);
  } catch (e) {
    if (e instanceof IoError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new IoError(`parquet: path does not exist: ${file}`);
    throw new IoError(`parquet: cannot read ${file}: ${messageOf(e)}`, { cause: e });
  }
  let fh: FileHandle;
  try {
    fh = await open(file, "r");
  } catch (e) {
    throw new IoError(`parquet: cannot open ${file}: ${messageOf(e)}`, { cause: e });
  }
  let handle: pw.ParquetFile;
  let arrowSchema: arrow.Schema;
  try {
    const { size } = await fh.stat();
    // parquet-wasm only calls the Blob members FileRange has.
    handle = await pw.ParquetFile.fromFile(new FileRange(fh, file, 0, size) as unknown as Blob);
    arrowSchema = arrow.tableFromIPC(handle.schema().intoIPCStream()).schema;
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw new IoError(`parquet: ${file} is not a readable Parquet file: ${messageOf(e)}`, { cause: e });
  }
  return {
    file, footer, handle, arrowSchema,
    close: async () => {
      handle.free();
      await fh.close();
    },
  };
}
