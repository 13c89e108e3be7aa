// parquet-wasm access with errors that name our file instead of surfacing a WebAssembly trace.
import { open, type FileHandle } from "node:fs/promises";
import * as arrow from "apache-arrow";
import { IoError, messageOf } from "../util/errors.js";
import { readFooter, type Footer } from "./footer.js";
import { pw } from "./parquet-wasm.js";

export { pw };

/** An open Parquet file: its footer (ours), parquet-wasm handle and Arrow schema. Call `close()`. */
export interface OpenParquet {
  readonly file: string;
  readonly footer: Footer;
  readonly handle: pw.ParquetFile;
  readonly arrowSchema: arrow.Schema;
  /**
   * Plans the byte spans the next reads will ask for, in file order (a row group's nearby column
   * chunks): each is read from the file while the one before it is being decoded, and at most two
   * are held. Reads outside them are read when asked.
   */
  readAhead(spans: readonly ByteSpan[]): void;
  close(): Promise<void>;
}

/** Bytes [start, end) of a file. */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

/** Positioned reads of one open file, served from planned spans read ahead (see `OpenParquet.readAhead`). */
class FileReader {
  #ahead: { readonly start: number; readonly end: number; data: Promise<Uint8Array> | null }[] = [];

  constructor(private readonly fh: FileHandle, private readonly file: string) {}

  readAhead(spans: readonly ByteSpan[]): void {
    this.#ahead = spans.filter((s) => s.end > s.start).map((s) => ({ start: s.start, end: s.end, data: null }));
  }

  async read(start: number, end: number): Promise<ArrayBuffer> {
    const i = this.#ahead.findIndex((s) => s.start <= start && end <= s.end);
    if (i < 0) return (await this.#direct(start, end)).buffer as ArrayBuffer;
    const span = this.#ahead[i]!;
    // Reads go forward: spans before this one are let go; the next one is read meanwhile.
    for (let k = 0; k < i; k++) this.#ahead[k]!.data = null;
    this.#fetch(span);
    if (i + 1 < this.#ahead.length) this.#fetch(this.#ahead[i + 1]!);
    // A span that could not be read ahead (a footer pointing past the end of the file): read what is
    // asked alone, which succeeds or names the problem with that read.
    const bytes = await span.data!.catch(() => null);
    if (bytes === null) {
      span.data = null;
      return (await this.#direct(start, end)).buffer as ArrayBuffer;
    }
    if (start === span.start && end === span.end) {
      span.data = null;
      return bytes.buffer as ArrayBuffer;
    }
    return bytes.slice(start - span.start, end - span.start).buffer;
  }

  #fetch(span: { readonly start: number; readonly end: number; data: Promise<Uint8Array> | null }): void {
    if (span.data !== null) return;
    span.data = this.#direct(span.start, span.end);
    // A span read ahead may never be asked for (the reader stopped early).
    span.data.catch(() => undefined);
  }

  async #direct(start: number, end: number): Promise<Uint8Array> {
    const n = end - start;
    const bytes = new Uint8Array(n);
    for (let got = 0; got < n;) {
      const { bytesRead } = await this.fh.read(bytes, got, n - got, start + got);
      if (bytesRead === 0) throw new IoError(`parquet: ${this.file} ended at byte ${start + got}, before the ${n} bytes at ${start} (was it changed while being read?)`);
      got += bytesRead;
    }
    return bytes;
  }
}

/**
 * A byte range of an open file, with what parquet-wasm reads of a Blob (`size`, `slice`,
 * `arrayBuffer`). Each column chunk it asks for is one positioned read into one buffer: a file
 * Blob streams it in 64 KiB pieces joined afterwards, which cost more time waiting and more
 * allocations (each of which brought the next full garbage collection closer) than decoding.
 */
export class FileRange {
  constructor(private readonly reader: FileReader, private readonly start: number, private readonly end: number) {}

  /** The whole of an open file. */
  static of(fh: FileHandle, file: string, size: number): FileRange {
    return new FileRange(new FileReader(fh, file), 0, size);
  }

  get size(): number {
    return this.end - this.start;
  }

  /** Blob.slice: offsets within this range, negative ones from its end, clamped. */
  slice(from = 0, to = this.size): FileRange {
    const at = (x: number) => (x < 0 ? Math.max(this.size + x, 0) : Math.min(x, this.size));
    const a = at(from), b = Math.max(at(to), a);
    return new FileRange(this.reader, this.start + a, this.start + b);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.reader.read(this.start, this.end);
  }

  /** See `OpenParquet.readAhead`. */
  readAhead(spans: readonly ByteSpan[]): void {
    this.reader.readAhead(spans);
  }
}

/** Opens `file` lazily (row groups are read on demand). */
export async function openParquet(file: string): Promise<OpenParquet> {
  let fh: FileHandle;
  try {
    fh = await open(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new IoError(`parquet: path does not exist: ${file}`);
    throw new IoError(`parquet: cannot open ${file}: ${messageOf(e)}`, { cause: e });
  }
  let footer: Footer;
  let size: number;
  try {
    size = (await fh.stat()).size;
    footer = await readFooter(fh, file, size);
  } catch (e) {
    await fh.close().catch(() => undefined);
    if (e instanceof IoError) throw e;
    throw new IoError(`parquet: cannot read ${file}: ${messageOf(e)}`, { cause: e });
  }
  let handle: pw.ParquetFile | undefined;
  let arrowSchema: arrow.Schema;
  let whole: FileRange;
  try {
    // parquet-wasm only calls the Blob members FileRange has.
    whole = FileRange.of(fh, file, size);
    handle = await pw.ParquetFile.fromFile(whole as unknown as Blob);
    arrowSchema = arrow.tableFromIPC(handle.schema().intoIPCStream()).schema;
  } catch (e) {
    handle?.free();
    await fh.close().catch(() => undefined);
    throw new IoError(`parquet: ${file} is not a readable Parquet file: ${messageOf(e)}`, { cause: e });
  }
  const opened = handle;
  return {
    file, footer, handle: opened, arrowSchema,
    readAhead: (spans) => whole.readAhead(spans),
    close: async () => {
      try {
        opened.free();
      } finally {
        await fh.close();
      }
    },
  };
}
