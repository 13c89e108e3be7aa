// Runs a distributed plan for one query: resolves stages into fragments, runs them on the pool,
// moves their outputs between stages as IPC buffers, and streams the final partitions in order.
import { setMaxListeners } from "node:events";
import * as arrow from "apache-arrow";
import {
  children as childrenOf, Limit, Scan, Sort, Union, Values,
  type ExecutionContext, type LogicalPlan, type Executor, type OperatorMetrics, type PluginModule, type ScanPushdown, type SourcePartition,
} from "@lgde/core";
import { decodeBatches, encodeBatches, restamp, toShared } from "../kernels/ipc.js";
import { leafScan, nullableSchema, type DPlan, type DPlanKind } from "../plan/dplan.js";
import type { WorkerPool } from "../pool.js";
import { LEAF_FORMAT_PREFIX, pluginModules, type TaskMessage, type TaskOutput, type TaskResult, type WireLeaf } from "../wire.js";
import { wireSchema } from "../worker/run-task.js";
import { reviveError, workerFailure } from "./errors.js";
import { mergeMetrics } from "./metrics.js";
import { bareLeaf, mergeLeaves, newLeafId, type Fragment, type Leaf } from "./fragment.js";
import { sharedSlices } from "./values-cache.js";

/** What a query run needs from its executor. */
export interface RunEnv {
  readonly pool: WorkerPool;
  readonly threads: number;
  /** Buckets of every hash exchange. */
  readonly buckets: number;
  /** Rows a task samples before deciding whether a partial step before an exchange pays. */
  readonly partialSampleRows: number;
  /** Runs coordinator-side work (the final merge of sorted runs). */
  readonly coordinator: Executor;
}

interface Collected {
  readonly buffers: readonly Uint8Array[];
  readonly rows: number;
}

const noop = () => {};

function leafFragment(leaf: Leaf, schema: DPlan["schema"], description: string): Fragment {
  const id = newLeafId();
  return { plan: leafScan(id, schema, description), leaves: new Map([[id, leaf]]) };
}

/** Contiguous groups of about equal size (keeps source order, so limits and firsts match local). */
function split<T>(items: readonly T[], groups: number): T[][] {
  const out: T[][] = [];
  for (let g = 0; g < groups; g++) out.push(items.slice(Math.floor((g * items.length) / groups), Math.floor(((g + 1) * items.length) / groups)));
  return out;
}

async function drain(it: AsyncIterable<arrow.RecordBatch>): Promise<arrow.RecordBatch[]> {
  const out: arrow.RecordBatch[] = [];
  for await (const b of it) if (b.numRows > 0) out.push(b);
  return out;
}

export class QueryRun {
  /** This query's cancellation flag, read by every task it sends (see `TaskMessage.cancelled`). */
  readonly #cancelled = new Int32Array(new SharedArrayBuffer(4));
  readonly #metrics: OperatorMetrics[] = [];
  readonly #modules: readonly PluginModule[];
  readonly #workerFormats: ReadonlySet<string>;
  /** The partitions of each cached sub-plan (DPlan "cache"), computed by its first reader. */
  readonly #cached = new Map<number, Promise<Fragment[]>>();
  readonly #onAbort = () => this.abort();
  /** The first task failure of the query (see `#fail`). */
  #failure: Error | null = null;

  constructor(readonly env: RunEnv, readonly ctx: ExecutionContext) {
    const plugins = ctx.plugins ?? [];
    this.#modules = pluginModules(plugins);
    this.#workerFormats = new Set(plugins.flatMap((p) => (p.module ? (p.sources ?? []).map((s) => s.format) : [])));
    // Every task of the query listens to the caller's signal.
    if (ctx.signal !== undefined) setMaxListeners(0, ctx.signal);
    ctx.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Releases what the query kept (cached sub-plans) and stops listening to the caller's signal. */
  close(): void {
    this.#cached.clear();
    this.ctx.signal?.removeEventListener("abort", this.#onAbort);
  }

  /**
   * Cancels the tasks of this query that have not started: each returns at once when a thread takes
   * it. Running ones finish and their results are dropped (terminating a thread mid-task can catch it
   * loading modules, which aborts the process); the caller's own signal still terminates them.
   */
  abort(): void {
    Atomics.store(this.#cancelled, 0, 1);
  }

  /**
   * The error a failed task gives its query: the first failure, which cancels the other tasks (whose
   * own "aborted" failures would otherwise reach the caller first when it awaits them first).
   */
  #fail(e: Error): Error {
    if (this.#failure === null && Atomics.load(this.#cancelled, 0) === 0) this.#failure = e;
    this.abort();
    return this.#failure ?? e;
  }

  /** Per-operator metrics, the tasks of one operator (one per partition) summed. */
  get metrics(): readonly OperatorMetrics[] {
    return mergeMetrics(this.#metrics);
  }

  /** The final partitions of `d`, streamed in partition order as batches of `schema`. */
  async *stream(d: DPlan, schema: arrow.Schema): AsyncIterable<arrow.RecordBatch> {
    const frags = await this.resolve(d);
    const pending = frags.map((f) => {
      const leaf = bareLeaf(f);
      if (leaf?.kind === "batches") return null;
      const p = this.#collect(f);
      p.catch(noop);
      return p;
    });
    for (const [i, p] of pending.entries()) {
      if (p === null) {
        for (const b of (bareLeaf(frags[i]!) as Extract<Leaf, { kind: "batches" }>).batches) yield restamp(b, schema);
        continue;
      }
      for (const buf of (await p).buffers) yield* decodeBatches(buf, schema);
    }
  }

  /** The fragments (one per partition) that compute `d`, running upstream stages as needed. */
  resolve(d: DPlan): Promise<Fragment[]> {
    return (RESOLVERS[d.kind] as (run: QueryRun, d: DPlan) => Promise<Fragment[]>)(this, d);
  }

  /** Runs one fragment in a worker. */
  async runTask(f: Fragment, output: TaskOutput): Promise<Collected & { readonly perBucket: readonly (Uint8Array | null)[] }> {
    const { leaves, transfer } = await this.#wire(f);
    const task: TaskMessage = {
      plan: f.plan, leaves, output, timeZone: this.ctx.timeZone, batchSize: this.ctx.batchSize,
      plugins: this.#modules, metrics: this.ctx.onMetrics !== undefined, cancelled: this.#cancelled,
    };
    let result: TaskResult;
    try {
      // Only the caller's signal terminates running tasks; see `abort`.
      result = (await this.env.pool.get().run(task, { transferList: transfer as never, ...(this.ctx.signal ? { signal: this.ctx.signal } : {}) })) as TaskResult;
    } catch (e) {
      throw this.#fail(workerFailure(e));
    }
    if (!result.ok) throw this.#fail(reviveError(result.error));
    this.#metrics.push(...result.metrics);
    return { buffers: result.buffers.filter((b): b is Uint8Array => b !== null), rows: result.rows, perBucket: result.buffers };
  }

  /** A fragment's whole output as IPC buffers (without a worker round trip when it is a bare leaf). */
  async #collect(f: Fragment, shared = false): Promise<Collected> {
    const leaf = bareLeaf(f);
    if (leaf?.kind === "ipc") {
      const rows = leaf.buffers.reduce((n, b) => n + decodeBatches(b).reduce((m, x) => m + x.numRows, 0), 0);
      return { buffers: leaf.buffers, rows };
    }
    return this.runTask(f, { kind: "collect", shared });
  }

  /** Runs fragments in order, at most `threads` ahead, until `n` rows have come back (limit stops early). */
  async collectUntil(frags: readonly Fragment[], n: number): Promise<Collected> {
    const started: Promise<Collected>[] = [];
    const buffers: Uint8Array[] = [];
    let rows = 0;
    for (let i = 0; i < frags.length && rows < n; i++) {
      while (started.length < frags.length && started.length <= i + this.env.threads) {
        const p = this.#collect(frags[started.length]!);
        p.catch(noop);
        started.push(p);
      }
      const r = await started[i]!;
      buffers.push(...r.buffers);
      rows += r.rows;
    }
    return { buffers, rows };
  }

  /** The fragments of a cached sub-plan: computed on the first call, the same ones after. */
  cached(id: number, compute: () => Promise<Fragment[]>): Promise<Fragment[]> {
    let p = this.#cached.get(id);
    if (p === undefined) {
      p = compute();
      this.#cached.set(id, p);
    }
    return p;
  }

  /** One fragment's output, in shared memory so that many later tasks read it without copies. */
  async collectShared(f: Fragment): Promise<Collected> {
    const c = await this.#collect(f, true);
    return { buffers: c.buffers.map((b) => (b.buffer instanceof SharedArrayBuffer ? b : toShared(b))), rows: c.rows };
  }

  async collectAll(frags: readonly Fragment[]): Promise<Collected> {
    const results = await Promise.all(frags.map((f) => this.#collect(f)));
    return { buffers: results.flatMap((r) => r.buffers), rows: results.reduce((n, r) => n + r.rows, 0) };
  }

  record(operator: string, rows: number, batches: number, started: number): void {
    this.#metrics.push({ operator, rows, batches, millis: performance.now() - started });
  }

  /** The wire form of a fragment's leaves, and the buffers to transfer (never shared ones). */
  async #wire(f: Fragment): Promise<{ leaves: Record<string, WireLeaf>; transfer: ArrayBuffer[] }> {
    const leaves: Record<string, WireLeaf> = {};
    const transfer = new Set<ArrayBuffer>();
    // Shared memory is never transferred (it cannot be, and other tasks read it too).
    const own = (b: Uint8Array) => { if (!(b.buffer instanceof SharedArrayBuffer)) transfer.add(b.buffer); return b; };
    for (const [id, leaf] of f.leaves) {
      switch (leaf.kind) {
        case "source":
          if (leaf.inWorker) {
            leaves[id] = { kind: "source", format: leaf.scan.source.format, partitions: leaf.partitions };
          } else {
            // The plugin cannot be rebuilt in a worker: read here and ship the rows.
            const provider = this.ctx.sources.source(leaf.scan.source.format);
            const pushdown: ScanPushdown = { projection: leaf.scan.projection, filters: leaf.scan.filters };
            const batches: arrow.RecordBatch[] = [];
            for (const part of leaf.partitions) batches.push(...(await drain(provider.read(leaf.scan.source, part, pushdown, this.ctx))));
            const schema = wireSchema(leaf.scan.schema);
            leaves[id] = { kind: "ipc", buffers: batches.length === 0 ? [] : [own(encodeBatches(schema, batches.map((b) => restamp(b, schema))))] };
          }
          break;
        case "ipc":
          leaves[id] = { kind: "ipc", buffers: leaf.shared ? leaf.buffers : leaf.buffers.map(own) };
          break;
        case "batches": {
          if (leaf.shared !== undefined) {
            const b = leaf.shared();
            leaves[id] = { kind: "ipc", buffers: b === null ? [] : [b] };
            break;
          }
          const schema = wireSchema(f.plan.kind === "scan" ? f.plan.schema : leafSchemaOf(f, id));
          leaves[id] = { kind: "ipc", buffers: leaf.batches.length === 0 ? [] : [own(encodeBatches(schema, leaf.batches.map((b) => restamp(b, schema))))] };
          break;
        }
      }
    }
    return { leaves, transfer: [...transfer] };
  }

  /** Resolves a scan into fragments that each read a contiguous group of its partitions. */
  async scanFragments(d: Extract<DPlan, { kind: "scan" }>): Promise<Fragment[]> {
    const scan = d.scan;
    const provider = this.ctx.sources.source(scan.source.format);
    const parts: readonly SourcePartition[] = await provider.partitions(scan.source, { projection: scan.projection, filters: scan.filters });
    const inWorker = this.#workerFormats.has(scan.source.format);
    const groups = split(parts, Math.max(1, Math.min(parts.length, this.env.threads * 2)));
    return groups.map((partitions) => {
      const id = newLeafId();
      const plan = Scan.create({ ...scan.source, format: LEAF_FORMAT_PREFIX + id }, scan.projection, scan.filters);
      return { plan, leaves: new Map<string, Leaf>([[id, { kind: "source", scan, partitions, inWorker }]]) };
    });
  }
}

/** The schema of the leaf scan `id` inside a fragment's plan. */
function leafSchemaOf(f: Fragment, id: string): DPlan["schema"] {
  const format = LEAF_FORMAT_PREFIX + id;
  const find = (p: LogicalPlan): DPlan["schema"] | null => {
    if (p.kind === "scan") return p.source.format === format ? p.schema : null;
    for (const c of childrenOf(p)) {
      const s = find(c);
      if (s) return s;
    }
    return null;
  };
  const s = find(f.plan);
  if (s === null) throw new Error(`internal: leaf ${id} is not in its fragment`);
  return s;
}

type Resolvers = { readonly [K in DPlanKind]: (run: QueryRun, d: Extract<DPlan, { kind: K }>) => Promise<Fragment[]> };
const RESOLVERS: Resolvers = {
  scan: (run, d) => run.scanFragments(d),
  values: async (run, d) => {
    // Contiguous row slices, one per thread, so that order-sensitive results match the local executor.
    const total = Values.rowCount(d.node);
    const k = Math.max(1, Math.min(run.env.threads, total));
    const bounds = Array.from({ length: k + 1 }, (_, i) => Math.floor((i * total) / k));
    const slices: arrow.RecordBatch[][] = Array.from({ length: k }, () => []);
    let offset = 0;
    for (const b of d.node.batches) {
      for (let s = 0; s < k; s++) {
        const start = Math.max(bounds[s]!, offset), end = Math.min(bounds[s + 1]!, offset + b.numRows);
        if (start < end) slices[s]!.push(b.slice(start - offset, end - offset));
      }
      offset += b.numRows;
    }
    const encoded = sharedSlices(d.node, k);
    return slices.map((batches, s) => leafFragment({ kind: "batches", batches, shared: () => encoded(s, batches, d.schema) }, d.schema, "rows"));
  },
  map: async (run, d) => (await run.resolve(d.input)).map((f) => ({ plan: d.wrap(f.plan), leaves: f.leaves })),
  union: async (run, d) => {
    const inputs = await Promise.all(d.inputs.map((i) => run.resolve(i)));
    if (!d.aligned) return inputs.flat();
    const n = inputs[0]!.length;
    if (inputs.some((fs) => fs.length !== n)) throw new Error(`internal: an aligned union has inputs of ${inputs.map((fs) => fs.length).join(", ")} partitions`);
    return Array.from({ length: n }, (_, b) => ({
      plan: Union.create(inputs.map((fs) => fs[b]!.plan)),
      leaves: inputs.reduce<ReadonlyMap<string, Leaf>>((all, fs) => mergeLeaves(all, fs[b]!.leaves), new Map()),
    }));
  },
  exchange: async (run, d) => {
    const frags = await run.resolve(d.input);
    const started = performance.now();
    const buckets = run.env.buckets;
    const results = await Promise.all(frags.map((f) => run.runTask(f, { kind: "hash", keys: d.keys, buckets, ...(d.partial === null ? {} : { partial: { ...d.partial, sampleRows: run.env.partialSampleRows } }) })));
    run.record(`Exchange hash into ${buckets}`, results.reduce((n, r) => n + r.rows, 0), results.length, started);
    return Array.from({ length: buckets }, (_, b) => leafFragment(
      { kind: "ipc", buffers: results.flatMap((r) => (r.perBucket[b] ? [r.perBucket[b]!] : [])), shared: false },
      d.schema, "exchange buckets",
    ));
  },
  gather: async (run, d) => {
    const frags = await run.resolve(d.input);
    const started = performance.now();
    const early = d.limit !== null && d.orders === null;
    const collected = early ? await run.collectUntil(frags, d.limit!) : await run.collectAll(frags);
    run.record("Gather", collected.rows, frags.length, started);
    if (d.orders === null && d.limit === null) return [leafFragment({ kind: "ipc", buffers: collected.buffers, shared: false }, d.schema, "gathered")];
    const schema = nullableSchema(d.schema);
    const batches = collected.buffers.flatMap((b) => decodeBatches(b, wireSchema(schema)));
    // Sorted runs are merged by the local executor's stable sort, so ties keep partition order as locally.
    let plan: LogicalPlan = Values.create(batches, schema);
    if (d.orders !== null) plan = Sort.create(plan, d.orders);
    if (d.limit !== null) plan = Limit.create(plan, d.limit);
    const out = await drain(run.env.coordinator.execute(plan, run.ctx));
    return [leafFragment({ kind: "batches", batches: out }, d.schema, "merged")];
  },
  zip: async (run, d) => {
    const [left, right] = await Promise.all([run.resolve(d.left), run.resolve(d.right)]);
    if (left.length !== right.length) throw new Error(`internal: ${d.label} has ${left.length} left and ${right.length} right partitions`);
    return left.map((l, i) => ({ plan: d.combine(l.plan, right[i]!.plan), leaves: mergeLeaves(l.leaves, right[i]!.leaves) }));
  },
  cache: (run, d) => run.cached(d.id, async () => {
    const frags = await run.resolve(d.input);
    const started = performance.now();
    const parts = await Promise.all(frags.map((f) => run.collectShared(f)));
    run.record(`CachedSubplan #${d.id}`, parts.reduce((n, r) => n + r.rows, 0), frags.length, started);
    // One fragment per partition, as the sub-plan had, so that partitioning (and order) is unchanged.
    return parts.map((r) => leafFragment({ kind: "ipc", buffers: r.buffers, shared: true }, d.schema, `cached #${d.id}`));
  }),
  broadcast: async (run, d) => {
    const [bigSide, smallSide] = d.small === "right" ? [d.left, d.right] : [d.right, d.left];
    const [big, smallFrags] = await Promise.all([run.resolve(bigSide), run.resolve(smallSide)]);
    const started = performance.now();
    // One copy in shared memory that every task reads (none when it already is there: a cached stage).
    const parts = await Promise.all(smallFrags.map((f) => run.collectShared(f)));
    run.record("Broadcast", parts.reduce((n, r) => n + r.rows, 0), smallFrags.length, started);
    const shared = leafFragment({ kind: "ipc", buffers: parts.flatMap((r) => r.buffers), shared: true }, smallSide.schema, "broadcast");
    return big.map((f) => ({
      plan: d.small === "right" ? d.combine(f.plan, shared.plan) : d.combine(shared.plan, f.plan),
      leaves: mergeLeaves(f.leaves, shared.leaves),
    }));
  },
};
