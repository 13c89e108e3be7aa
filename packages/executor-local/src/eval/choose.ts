// Gathers each row from one of several same-typed vectors (CASE WHEN, coalesce).
import type { DataType } from "@lgde/core";
import { allNull, type StrVec, type Vec } from "../kernels/vector.js";

/** Row i comes from vecs[choice[i]] (row i), or is null when choice[i] is -1. */
export function choose(type: DataType, vecs: readonly Vec[], choice: Int32Array, n: number): Vec {
  if (type !== "utf8" && type !== "null") {
    const valid = new Uint8Array(n);
    let anyNull = false;
    const take = (out: { [i: number]: number | bigint }) => {
      for (let i = 0; i < n; i++) {
        const c = choice[i]!;
        const v = c < 0 ? undefined : vecs[c]!;
        if (v === undefined || v.type === "null" || v.type === "utf8" || (v.valid !== null && v.valid[i] === 0)) { anyNull = true; continue; }
        valid[i] = 1;
        out[i] = v.values[i]!;
      }
    };
    switch (type) {
      case "int32": case "date": { const out = new Int32Array(n); take(out as never); return { type, length: n, values: out, valid: anyNull ? valid : null }; }
      case "int64": case "timestamp": {
        // Word by word: reading a BigInt64Array element allocates a BigInt.
        const out = new BigInt64Array(n), to = new Int32Array(out.buffer);
        const from = vecs.map((v) => (v.type === "int64" || v.type === "timestamp" ? new Int32Array(v.values.buffer, v.values.byteOffset, 2 * v.length) : null));
        for (let i = 0; i < n; i++) {
          const c = choice[i]!;
          const v = c < 0 ? undefined : vecs[c]!;
          const w = c < 0 ? null : from[c]!;
          if (v === undefined || w === null || (v.valid !== null && v.valid[i] === 0)) { anyNull = true; continue; }
          valid[i] = 1;
          to[2 * i] = w[2 * i]!; to[2 * i + 1] = w[2 * i + 1]!;
        }
        return { type, length: n, values: out, valid: anyNull ? valid : null };
      }
      case "float64": { const out = new Float64Array(n); take(out as never); return { type, length: n, values: out, valid: anyNull ? valid : null }; }
      case "bool": { const out = new Uint8Array(n); take(out as never); return { type, length: n, values: out, valid: anyNull ? valid : null }; }
    }
  }
  if (type === "utf8") return chooseStrings(vecs, choice, n);
  return allNull("null", n);
}

/** `choose` for strings: the lengths first, then each row's bytes copied once into place. */
function chooseStrings(vecs: readonly Vec[], choice: Int32Array, n: number): StrVec {
  const strs = vecs.map((v) => (v.type === "utf8" ? v : null));
  const offsets = new Int32Array(n + 1), valid = new Uint8Array(n);
  let anyNull = false, total = 0;
  for (let i = 0; i < n; i++) {
    const c = choice[i]!;
    const v = c < 0 ? null : strs[c]!;
    if (v === null || (v.valid !== null && v.valid[i] === 0)) anyNull = true;
    else { valid[i] = 1; total += v.offsets[i + 1]! - v.offsets[i]!; }
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    if (valid[i] === 0) continue;
    const v = strs[choice[i]!]!, from = v.bytes;
    const s = v.offsets[i]!, e = v.offsets[i + 1]!;
    if (e - s < 16) { let p = offsets[i]!; for (let k = s; k < e; k++) bytes[p++] = from[k]!; }
    else bytes.set(from.subarray(s, e), offsets[i]!);
  }
  return { type: "utf8", length: n, offsets, bytes, valid: anyNull ? valid : null };
}
