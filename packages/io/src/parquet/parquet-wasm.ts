// parquet-wasm, loaded as an ES module and instantiated from its bytes at import.
//
// Not the package's "node" build: that one is CommonJS, and importing CommonJS from an ES module
// makes Node lex its 100 kB of glue for export names first. Every thread that reads Parquet pays
// that at start-up (each worker of the workers executor too): ~70 ms and ~130 ms of CPU a load,
// against ~45 ms and ~65 ms this way. The compiled module itself is shared between threads: V8
// caches WebAssembly compiled from the same bytes in a process.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as pw from "parquet-wasm/esm";

// require.resolve rather than import.meta.resolve, which Node 20 has unflagged only from 20.6. A second
// initSync (another module instantiating the same build) returns the first instance.
pw.initSync({ module: readFileSync(createRequire(import.meta.url).resolve("parquet-wasm/esm/parquet_wasm_bg.wasm")) });

export { pw };
