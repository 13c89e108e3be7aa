// parquet-wasm access with errors that name our file instead of surfacing a WebAssembly trace.
import { openAsBlob } from "node:fs";
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
  close(): void;
}

/** Opens `file` lazily (a file-backed Blob: row groups are read on demand). */
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
  let handle: pw.ParquetFile;
  let arrowSchema: arrow.Schema;
  try {
    handle = await pw.ParquetFile.fromFile(await openAsBlob(file));
    arrowSchema = arrow.tableFromIPC(handle.schema().intoIPCStream()).schema;
  } catch (e) {
    throw new IoError(`parquet: ${file} is not a readable Parquet file: ${messageOf(e)}`, { cause: e });
  }
  return { file, footer, handle, arrowSchema, close: () => handle.free() };
}
