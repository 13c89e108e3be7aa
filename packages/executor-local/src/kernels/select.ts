// Row selection kernels: take by indices (-1 → null), filter by a boolean mask, slice and concat.
import type { DataType } from "@lgde/core";
import { allNull, type Chunk, type Vec } from "./vector.js";

/**
 * The starts of the runs of consecutive rows in ascending `indices` (a run: i, i + 1, ...), or
 * null when the indices do not ascend or the runs are too short to copy run by run.
 */
function runsOf(indices: Int32Array): Int32Array | null {
  const n = indices.length;
  if (n < 64 || indices[0]! < 0) return null;
  // Short runs copy faster value by value than by a typed-array copy per run: give up as soon as
  // the runs are too many to average 16 rows.
  const most = n >> 4;
  let runs = 1;
  for (let i = 1; i < n; i++) {
    const d = indices[i]! - indices[i - 1]!;
    if (d <= 0) return null;
    if (d !== 1 && ++runs > most) return null;
  }
  const starts = new Int32Array(runs + 1);
  for (let i = 1, r = 1; i < n; i++) if (indices[i]! !== indices[i - 1]! + 1) starts[r++] = i;
  starts[runs] = n;
  return starts;
}

/** `takeVec` for ascending indices in long runs (a filter or distinct that keeps most rows): a block copy per run. */
function takeRuns(v: Vec, indices: Int32Array, starts: Int32Array): Vec {
  const n = indices.length, runs = starts.length - 1;
  const copy = <T extends Int32Array | Uint8Array | Float64Array | BigInt64Array>(a: T, out: T): T => {
    for (let r = 0; r < runs; r++) {
      const at = starts[r]!, from = indices[at]!;
      out.set(a.subarray(from, from + starts[r + 1]! - at) as never, at);
    }
    return out;
  };
  const valid = v.valid === null ? null : copy(v.valid, new Uint8Array(n));
  switch (v.type) {
    case "int32": case "date": return { type: v.type, length: n, values: copy(v.values, new Int32Array(n)), valid };
    case "int64": case "timestamp": return { type: v.type, length: n, values: copy(v.values, new BigInt64Array(n)), valid };
    case "float64": return { type: v.type, length: n, values: copy(v.values, new Float64Array(n)), valid };
    case "bool": return { type: v.type, length: n, values: copy(v.values, new Uint8Array(n)), valid };
    case "utf8": {
      const o = v.offsets, offsets = new Int32Array(n + 1);
      let total = 0;
      for (let r = 0; r < runs; r++) {
        const at = starts[r]!, from = indices[at]!, len = starts[r + 1]! - at;
        const shift = total - o[from]!;
        for (let k = 1; k <= len; k++) offsets[at + k] = o[from + k]! + shift;
        total += o[from + len]! - o[from]!;
      }
      const bytes = new Uint8Array(total);
      for (let r = 0; r < runs; r++) {
        const at = starts[r]!, from = indices[at]!, len = starts[r + 1]! - at;
        bytes.set(v.bytes.subarray(o[from]!, o[from + len]!), offsets[at]!);
      }
      return { type: "utf8", length: n, offsets, bytes, valid };
    }
    case "null": return allNull("null", n);
  }
}

/** Rows `indices` of `v`; an index of -1 yields a null row (outer joins). */
export function takeVec(v: Vec, indices: Int32Array): Vec {
  return takeRows(v, indices, runsOf(indices));
}

/** `takeVec`, given `runsOf(indices)` (computed once for every column of a chunk); null takes row by row. */
export function takeRows(v: Vec, indices: Int32Array, starts: Int32Array | null): Vec {
  const n = indices.length;
  if (starts !== null) return takeRuns(v, indices, starts);
  let valid: Uint8Array | null = null;
  const src = v.valid;
  let hasNeg = false;
  for (let i = 0; i < n; i++) if (indices[i]! < 0) { hasNeg = true; break; }
  if (src !== null || hasNeg) {
    valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const j = indices[i]!;
      valid[i] = j < 0 ? 0 : src === null ? 1 : src[j]!;
    }
  }
  switch (v.type) {
    case "int32": case "date": {
      const out = new Int32Array(n), a = v.values;
      for (let i = 0; i < n; i++) { const j = indices[i]!; out[i] = j < 0 ? 0 : a[j]!; }
      return { type: v.type, length: n, values: out, valid };
    }
    case "int64": case "timestamp": {
      // Word by word: reading a BigInt64Array element allocates a BigInt.
      const out = new BigInt64Array(n), a = v.values;
      const from = new Int32Array(a.buffer, a.byteOffset, a.length * 2), to = new Int32Array(out.buffer);
      for (let i = 0; i < n; i++) { const j = indices[i]!; if (j >= 0) { to[2 * i] = from[2 * j]!; to[2 * i + 1] = from[2 * j + 1]!; } }
      return { type: v.type, length: n, values: out, valid };
    }
    case "float64": {
      const out = new Float64Array(n), a = v.values;
      for (let i = 0; i < n; i++) { const j = indices[i]!; out[i] = j < 0 ? 0 : a[j]!; }
      return { type: v.type, length: n, values: out, valid };
    }
    case "bool": {
      const out = new Uint8Array(n), a = v.values;
      for (let i = 0; i < n; i++) { const j = indices[i]!; out[i] = j < 0 ? 0 : a[j]!; }
      return { type: v.type, length: n, values: out, valid };
    }
    case "utf8": {
      const offsets = new Int32Array(n + 1);
      const o = v.offsets;
      let total = 0;
      for (let i = 0; i < n; i++) { const j = indices[i]!; if (j >= 0) total += o[j + 1]! - o[j]!; offsets[i + 1] = total; }
      const bytes = new Uint8Array(total);
      const src8 = v.bytes;
      for (let i = 0; i < n; i++) {
        const j = indices[i]!;
        if (j < 0) continue;
        const s = o[j]!, e = o[j + 1]!;
        if (e - s < 16) { let p = offsets[i]!; for (let k = s; k < e; k++) bytes[p++] = src8[k]!; }
        else bytes.set(src8.subarray(s, e), offsets[i]!);
      }
      return { type: "utf8", length: n, offsets, bytes, valid };
    }
    case "null": return allNull("null", n);
  }
}

/** Indices of the rows where mask is 1 (and, if given, maskValid is 1). */
export function maskToIndices(mask: Uint8Array, length: number, maskValid: Uint8Array | null = null): Int32Array {
  let count = 0;
  for (let i = 0; i < length; i++) count += maskValid === null ? mask[i]! : mask[i]! & maskValid[i]!;
  const out = new Int32Array(count);
  let p = 0;
  if (maskValid === null) { for (let i = 0; i < length; i++) if (mask[i] === 1) out[p++] = i; }
  else for (let i = 0; i < length; i++) if ((mask[i]! & maskValid[i]!) === 1) out[p++] = i;
  return out;
}

export function takeChunk(c: Chunk, indices: Int32Array): Chunk {
  const starts = runsOf(indices);
  return { columns: c.columns.map((v) => takeRows(v, indices, starts)), length: indices.length };
}

/** Keeps the rows whose mask value is true (null counts as false). */
export function filterChunk(c: Chunk, mask: Uint8Array, maskValid: Uint8Array | null = null): Chunk {
  const idx = maskToIndices(mask, c.length, maskValid);
  if (idx.length === c.length) return c;
  return takeChunk(c, idx);
}

export function sliceVec(v: Vec, start: number, end: number): Vec {
  const n = end - start;
  const valid = v.valid === null ? null : v.valid.subarray(start, end);
  switch (v.type) {
    case "int32": case "date": return { type: v.type, length: n, values: v.values.subarray(start, end), valid };
    case "int64": case "timestamp": return { type: v.type, length: n, values: v.values.subarray(start, end), valid };
    case "float64": return { type: v.type, length: n, values: v.values.subarray(start, end), valid };
    case "bool": return { type: v.type, length: n, values: v.values.subarray(start, end), valid };
    case "utf8": return { type: v.type, length: n, offsets: v.offsets.subarray(start, end + 1), bytes: v.bytes, valid };
    case "null": return { type: "null", length: n, valid: v.valid.subarray(start, end) };
  }
}

export function sliceChunk(c: Chunk, start: number, end: number): Chunk {
  if (start === 0 && end === c.length) return c;
  return { columns: c.columns.map((v) => sliceVec(v, start, end)), length: end - start };
}

/** Concatenates vectors of one type. */
export function concatVecs(type: DataType, vs: readonly Vec[]): Vec {
  if (vs.length === 1) return vs[0]!;
  let n = 0;
  let anyNull = false;
  for (const v of vs) { n += v.length; if (v.valid !== null) anyNull = true; }
  let valid: Uint8Array | null = null;
  if (anyNull) {
    valid = new Uint8Array(n);
    let p = 0;
    for (const v of vs) { if (v.valid === null) valid.fill(1, p, p + v.length); else valid.set(v.valid, p); p += v.length; }
  }
  switch (type) {
    case "int32": case "date": {
      const out = new Int32Array(n); let p = 0;
      for (const v of vs) { if (v.type !== "null" && v.type !== "utf8") out.set(v.values as Int32Array, p); p += v.length; }
      return { type, length: n, values: out, valid };
    }
    case "int64": case "timestamp": {
      const out = new BigInt64Array(n); let p = 0;
      for (const v of vs) { if (v.type !== "null" && v.type !== "utf8") out.set(v.values as BigInt64Array, p); p += v.length; }
      return { type, length: n, values: out, valid };
    }
    case "float64": {
      const out = new Float64Array(n); let p = 0;
      for (const v of vs) { if (v.type !== "null" && v.type !== "utf8") out.set(v.values as Float64Array, p); p += v.length; }
      return { type, length: n, values: out, valid };
    }
    case "bool": {
      const out = new Uint8Array(n); let p = 0;
      for (const v of vs) { if (v.type !== "null" && v.type !== "utf8") out.set(v.values as Uint8Array, p); p += v.length; }
      return { type, length: n, values: out, valid };
    }
    case "utf8": {
      let total = 0;
      for (const v of vs) if (v.type === "utf8") total += v.offsets[v.length]! - v.offsets[0]!;
      const bytes = new Uint8Array(total);
      const offsets = new Int32Array(n + 1);
      let p = 0, b = 0;
      for (const v of vs) {
        if (v.type === "utf8") {
          const base = v.offsets[0]!;
          bytes.set(v.bytes.subarray(base, v.offsets[v.length]!), b);
          for (let i = 1; i <= v.length; i++) offsets[p + i] = b + v.offsets[i]! - base;
          b += v.offsets[v.length]! - base;
        } else for (let i = 1; i <= v.length; i++) offsets[p + i] = b;
        p += v.length;
      }
      return { type, length: n, offsets, bytes, valid };
    }
    case "null": return allNull("null", n);
  }
}

/** Concatenates chunks with the given column types. */
export function concatChunks(types: readonly DataType[], cs: readonly Chunk[]): Chunk {
  if (cs.length === 1) return cs[0]!;
  let length = 0;
  for (const c of cs) length += c.length;
  return { columns: types.map((t, i) => concatVecs(t, cs.map((c) => c.columns[i]!))), length };
}
