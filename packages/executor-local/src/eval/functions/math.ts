// Numeric functions: abs, and round with Spark's HALF_UP on the decimal text of a double.
import type { Vec } from "../../kernels/vector.js";
import type { CallArgs } from "./kernel.js";

export function abs({ args }: CallArgs): Vec {
  const v = args[0]!;
  const n = v.length;
  switch (v.type) {
    case "int32": { const out = new Int32Array(n); for (let i = 0; i < n; i++) out[i] = Math.abs(v.values[i]!) | 0; return { ...v, values: out }; }
    case "int64": { const out = new BigInt64Array(n); for (let i = 0; i < n; i++) { const x = v.values[i]!; out[i] = BigInt.asIntN(64, x < 0n ? -x : x); } return { ...v, values: out }; }
    case "float64": { const out = new Float64Array(n); for (let i = 0; i < n; i++) out[i] = Math.abs(v.values[i]!); return { ...v, values: out }; }
    default: return v;
  }
}

/** HALF_UP rounding of a double at `scale` digits, on its shortest decimal text (as Scala's BigDecimal(d) does). */
export function roundDouble(x: number, scale: number): number {
  if (!Number.isFinite(x)) return x;
  const s = String(Math.abs(x));
  if (s.includes("e")) {
    const f = 10 ** scale;
    return Math.sign(x) * Math.round(Math.abs(x) * f) / f;
  }
  const r = Math.round(Number(`${s}e${scale}`));
  return Math.sign(x) * Number(`${r}e${-scale}`);
}

function roundIntegral(x: number, scale: number): number {
  if (scale >= 0) return x;
  const f = 10 ** -scale;
  return Math.sign(x) * Math.round(Math.abs(x) / f) * f;
}

export function round({ args, literals }: CallArgs): Vec {
  const v = args[0]!, sc = args[1]!;
  const n = v.length;
  const constScale = typeof literals[1] === "number" ? literals[1] : undefined;
  const scaleAt = (i: number): number => constScale ?? (sc.type === "int32" ? sc.values[i]! : 0);
  switch (v.type) {
    case "float64": { const out = new Float64Array(n); for (let i = 0; i < n; i++) out[i] = roundDouble(v.values[i]!, scaleAt(i)); return { ...v, values: out }; }
    case "int32": { const out = new Int32Array(n); for (let i = 0; i < n; i++) out[i] = roundIntegral(v.values[i]!, scaleAt(i)) | 0; return { ...v, values: out }; }
    case "int64": {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const s = scaleAt(i);
        const x = v.values[i]!;
        if (s >= 0) { out[i] = x; continue; }
        const f = 10n ** BigInt(-s);
        const ax = x < 0n ? -x : x;
        const r = ((ax + f / 2n) / f) * f;
        out[i] = x < 0n ? -r : r;
      }
      return { ...v, values: out };
    }
    default: return v;
  }
}
