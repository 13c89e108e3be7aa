// Inside a worker: the session's plugins rebuilt from their module descriptors, and the fragment's leaves.
import type * as arrow from "apache-arrow";
import {
  ExecutionError, schema, toArrowSchema, visit, type LogicalPlan, type Plugin, type PluginModule, type SinkProvider, type SourceProvider, type SourceRegistry,
} from "@lgde/core";
import { decodeBatches } from "../kernels/ipc.js";
import { LEAF_FORMAT_PREFIX, type WireLeaf } from "../wire.js";

const pluginCache = new Map<string, Promise<readonly Plugin[]>>();

async function loadPlugin(m: PluginModule): Promise<Plugin> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(m.specifier)) as Record<string, unknown>;
  } catch (e) {
    throw new ExecutionError(`worker cannot import plugin module "${m.specifier}": ${(e as Error).message}`, { cause: e });
  }
  const factory = mod[m.exportName];
  if (typeof factory !== "function") {
    throw new ExecutionError(`plugin module "${m.specifier}" has no function export "${m.exportName}"`);
  }
  return (await (factory as (...args: unknown[]) => Plugin | Promise<Plugin>)(...(m.args ?? []))) as Plugin;
}

/** The plugins of a session, rebuilt once per worker and list of modules. */
export function loadPlugins(modules: readonly PluginModule[]): Promise<readonly Plugin[]> {
  const key = JSON.stringify(modules);
  let p = pluginCache.get(key);
  if (p === undefined) {
    p = Promise.all(modules.map(loadPlugin));
    pluginCache.set(key, p);
    p.catch(() => pluginCache.delete(key));
  }
  return p;
}

/** How many scans of `plan` read each leaf. */
function leafReads(plan: LogicalPlan): Map<string, number> {
  const reads = new Map<string, number>();
  visit(plan, (p) => {
    if (p.kind === "scan" && p.source.format.startsWith(LEAF_FORMAT_PREFIX)) reads.set(p.source.format, (reads.get(p.source.format) ?? 0) + 1);
  });
  return reads;
}

/** `readOnce`: the fragment scans this leaf once, so each buffer is let go as soon as it is read. */
function leafProvider(id: string, leaf: WireLeaf, real: (format: string) => SourceProvider, readOnce: boolean): SourceProvider {
  const format = LEAF_FORMAT_PREFIX + id;
  switch (leaf.kind) {
    case "source":
      return {
        format,
        resolve: () => Promise.reject(new Error(`internal: leaf ${id} cannot be resolved`)),
        // Only the partitions assigned to this task: the coordinator split the source.
        partitions: () => Promise.resolve(leaf.partitions),
        read: (ref, partition, pushdown, ctx) => real(leaf.format).read({ ...ref, format: leaf.format }, partition, pushdown, ctx),
      };
    case "ipc": {
      // A bucket's input is most of a task's memory: dropping each producer's buffer once its rows
      // are read lets it be freed while the rest is processed, unless an operator keeps the batches
      // themselves (a join's build side, a sort). The task message is this worker's own copy, so
      // its array is emptied (see WireLeaf): a copy of the array would hold every buffer to the end.
      const buffers = leaf.buffers as (Uint8Array | null)[];
      return {
        format,
        resolve: () => Promise.reject(new Error(`internal: leaf ${id} cannot be resolved`)),
        partitions: () => Promise.resolve(leaf.buffers.map((_, i) => ({ id: `${id}/${i}`, descriptor: i, estimatedRows: 0 }))),
        read: async function* (ref, partition, pushdown): AsyncIterable<arrow.RecordBatch> {
          const i = partition.descriptor as number;
          const buffer = buffers[i];
          if (buffer === null || buffer === undefined) throw new Error(`internal: leaf ${id} partition ${i} was read twice`);
          if (readOnce) buffers[i] = null;
          // The rows were read (or computed) with the projection applied already.
          const wanted = pushdown.projection === null ? null : new Set(pushdown.projection);
          const fields = ref.schema.fields.filter((f) => wanted === null || wanted.has(f.name));
          yield* decodeBatches(buffer, toArrowSchema(schema(fields)));
        },
      };
    }
  }
}

/** A registry that serves the fragment's leaves and, for everything else, the rebuilt plugins. */
export function workerRegistry(plugins: readonly Plugin[], leaves: { readonly [id: string]: WireLeaf }, plan: LogicalPlan): SourceRegistry {
  const sources = new Map<string, SourceProvider>();
  const sinks = new Map<string, SinkProvider>();
  for (const p of plugins) {
    for (const s of p.sources ?? []) sources.set(s.format, s);
    for (const s of p.sinks ?? []) sinks.set(s.format, s);
  }
  const real = (format: string): SourceProvider => {
    const s = sources.get(format);
    if (s === undefined) {
      throw new ExecutionError(`no source for format "${format}" in the worker; plugins: ${plugins.map((p) => p.name).join(", ") || "(none)"}`);
    }
    return s;
  };
  const leafProviders = new Map<string, SourceProvider>();
  const reads = leafReads(plan);
  for (const [id, leaf] of Object.entries(leaves)) {
    const format = LEAF_FORMAT_PREFIX + id;
    leafProviders.set(format, leafProvider(id, leaf, real, reads.get(format) === 1));
  }
  return {
    source: (format) => leafProviders.get(format) ?? real(format),
    sink: (format) => {
      const s = sinks.get(format);
      if (s === undefined) throw new ExecutionError(`no sink for format "${format}" in the worker`);
      return s;
    },
  };
}
