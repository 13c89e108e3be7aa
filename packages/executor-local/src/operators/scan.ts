// Reads a source partition by partition, then re-applies the pushed filters and the projection
// (pushed filters are hints a source may ignore).
import type { Expr, Schema, SourceRef } from "@lgde/core";
import { ExecutionError } from "@lgde/core";
import { evaluatePredicate } from "../eval/evaluate.js";
import type { PExpr } from "../eval/pexpr.js";
import { vecFromArrow } from "../kernels/arrow.js";
import { filterChunk } from "../kernels/select.js";
import type { Chunk } from "../kernels/vector.js";
import { checkAbort, type RuntimeContext } from "../runtime.js";
import { slices } from "./conform.js";

export interface ScanExec {
  readonly kind: "scan";
  readonly source: SourceRef;
  /** Columns asked of the source (output columns plus those the filters read), or null for all. */
  readonly readColumns: readonly string[] | null;
  /** The pushed-down conjuncts, handed to the source as hints. */
  readonly filters: readonly Expr[];
  /** The schema of what the source returns. */
  readonly readSchema: Schema;
  /** The conjunction of `filters`, over `readSchema`, or null. */
  readonly predicate: PExpr | null;
  /** Output column i is read column outputIndices[i]. */
  readonly outputIndices: readonly number[];
  readonly schema: Schema;
}

export async function* executeScan(node: ScanExec, rt: RuntimeContext): AsyncGenerator<Chunk> {
  const provider = rt.exec.sources.source(node.source.format);
  const pushdown = { projection: node.readColumns, filters: node.filters };
  const partitions = await provider.partitions(node.source, pushdown);
  let done = 0;
  for (const partition of partitions) {
    checkAbort(rt);
    for await (const batch of provider.read(node.source, partition, pushdown, rt.exec)) {
      const names = batch.schema.fields.map((f) => f.name);
      const columns = node.readSchema.fields.map((f, i) => {
        let at = names.indexOf(f.name);
        if (at < 0) at = i;
        const data = batch.data.children[at];
        if (!data) {
          throw new ExecutionError(`scan ${node.source.description}: partition ${partition.id} returned no column "${f.name}" (got ${names.join(", ")})`);
        }
        return vecFromArrow(data, f.type);
      });
      const read: Chunk = { columns, length: batch.numRows };
      let out: Chunk = { columns: node.outputIndices.map((i) => columns[i]!), length: read.length };
      // Only the output columns are selected: a column read for the filter alone is not copied.
      if (node.predicate !== null) out = filterChunk(out, evaluatePredicate(node.predicate, read, rt.eval));
      if (out.length === 0) continue;
      yield* slices(out, rt.batchSize);
    }
    done++;
    rt.exec.onProgress?.({ task: `scan ${node.source.description}`, partitionsDone: done, partitionsTotal: partitions.length, done: done === partitions.length });
  }
}
