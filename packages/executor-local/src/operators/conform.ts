// Shared operator helpers: casting columns to the node's schema types and re-slicing to batch size.
import type { Schema } from "@lgde/core";
import { castVec } from "../eval/cast.js";
import type { EvalContext } from "../eval/context.js";
import { sliceChunk } from "../kernels/select.js";
import type { Chunk } from "../kernels/vector.js";

/** The chunk with every column cast to `schema`'s type where it differs. */
export function conform(c: Chunk, schema: Schema, ctx: EvalContext): Chunk {
  let changed = false;
  const columns = c.columns.map((v, i) => {
    const t = schema.fields[i]!.type;
    if (v.type === t) return v;
    changed = true;
    return castVec(v, t, ctx);
  });
  return changed ? { columns, length: c.length } : c;
}

/** Splits a chunk into pieces of at most `size` rows. */
export function* slices(c: Chunk, size: number): Generator<Chunk> {
  if (c.length <= size) { if (c.length > 0) yield c; return; }
  for (let s = 0; s < c.length; s += size) yield sliceChunk(c, s, Math.min(c.length, s + size));
}
