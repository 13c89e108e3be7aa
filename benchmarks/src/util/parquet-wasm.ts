// parquet-wasm for the benchmark's own readers and writers: the same ES module build that @lgde/io
// instantiates, so that a child process holds one instance (initSync returns the first one).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as pw from "parquet-wasm/esm";

pw.initSync({ module: readFileSync(createRequire(import.meta.url).resolve("parquet-wasm/esm/parquet_wasm_bg.wasm")) });

export { pw };
