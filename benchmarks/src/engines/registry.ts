// Engines by name, loaded lazily so that a child process loads only the engine it runs.
import type { Engine } from "./engine.js";

export const ENGINE_NAMES = ["lgde-local", "lgde-workers", "duckdb", "polars", "arquero", "hand-written", "spark"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

const LOADERS: Readonly<Record<EngineName, () => Promise<Engine>>> = {
  "lgde-local": async () => (await import("./lgde.js")).lgdeLocal,
  "lgde-workers": async () => (await import("./lgde.js")).lgdeWorkers,
  duckdb: async () => (await import("./duckdb.js")).duckdbEngine,
  polars: async () => (await import("./polars.js")).polarsEngine,
  arquero: async () => (await import("./arquero.js")).arqueroEngine,
  "hand-written": async () => (await import("./baseline.js")).baselineEngine,
  spark: async () => (await import("./spark.js")).sparkEngine,
};

export function isEngineName(s: string): s is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(s);
}

/** The engine named `name`. */
export async function loadEngine(name: EngineName): Promise<Engine> {
  return LOADERS[name]();
}
