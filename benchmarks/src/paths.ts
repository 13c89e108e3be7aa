// Where the benchmark keeps its data and results, relative to the compiled file (benchmarks/dist/...).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** `benchmarks/`. */
export function benchRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..");
}
/** `benchmarks/data/` (git-ignored). */
export function dataRoot(): string {
  return join(benchRoot(), "data");
}
/** `benchmarks/results/`. */
export function resultsRoot(): string {
  return join(benchRoot(), "results");
}
