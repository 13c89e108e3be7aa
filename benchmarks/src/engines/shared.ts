// Helpers the adapters share: the day's bounds, Parquet into Arrow, and the untimed check of written files.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as arrow from "apache-arrow";
import { pw } from "../util/parquet-wasm.js";
import type { Answer } from "./engine.js";
import { fig } from "./engine.js";

export { DAY, DAY_START, DAY_END, SEOUL_OFFSET_S } from "../gen/sizes.js";

/** The sort+limit case's row text: `a_time/a_uid/a_id` joined by `;`. */
export function rowsText(rows: readonly { a_time: unknown; a_uid: unknown; a_id: unknown }[]): string {
  return rows.map((r) => `${fig(r.a_time)}/${fig(r.a_uid)}/${fig(r.a_id)}`).join(";");
}

/** A whole Parquet file as an Arrow table, through parquet-wasm (how a user of apache-arrow reads Parquet). */
export function readParquetArrow(file: string): arrow.Table {
  const t = pw.readParquet(readFileSync(file));
  return arrow.tableFromIPC(t.intoIPCStream());
}

/** A whole Parquet file as Arrow IPC stream bytes. */
export function readParquetIpc(file: string): Uint8Array {
  return pw.readParquet(readFileSync(file)).intoIPCStream();
}

/** Arrow IPC stream bytes as Parquet bytes (snappy). */
export function parquetBytes(ipc: Uint8Array): Uint8Array {
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).build();
  return pw.writeParquet(pw.Table.fromIPCStream(ipc), props);
}

function filesUnder(path: string, exts: readonly string[]): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((f) => exts.some((e) => f.endsWith(e)) && !f.split("/").some((p) => p.startsWith(".") || p.startsWith("_")))
    .map((f) => join(path, f));
}

/** Rows and the sum of `a_uid` of a written access table (a file, or a folder of part files). */
export function checkWrittenParquet(path: string): Answer {
  let rows = 0, sum = 0;
  for (const f of filesUnder(path, [".parquet"])) {
    const t = readParquetArrow(f);
    rows += t.numRows;
    const v = t.getChild("a_uid")!;
    for (const c of v.data) { const a = c.values as Int32Array; for (let i = 0; i < c.length; i++) sum += a[i]!; }
  }
  return { rows: fig(rows), sum_uid: fig(sum) };
}

export function checkWrittenJson(path: string): Answer {
  let rows = 0, sum = 0;
  for (const f of filesUnder(path, [".json", ".jsonl"])) {
    for (const line of readFileSync(f, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      rows++;
      sum += Number((JSON.parse(line) as { a_uid: number }).a_uid);
    }
  }
  return { rows: fig(rows), sum_uid: fig(sum) };
}

/** Sum of an int32 Arrow column. */
export function sumInt32(t: arrow.Table, name: string): number {
  let s = 0;
  for (const c of t.getChild(name)!.data) { const a = c.values as Int32Array; for (let i = 0; i < c.length; i++) s += a[i]!; }
  return s;
}
