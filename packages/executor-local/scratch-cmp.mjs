import { compareConstant } from "./dist/eval/binary.js";
const n = 1 << 15, reps = 300;
const enc = new TextEncoder();
function vec() {
  const offsets = new Int32Array(n + 1); const parts = [];
  let at = 0; for (let i = 0; i < n; i++) { const s = Math.random() < 0.55 ? "login" : "logout"; parts.push(s); at += s.length; offsets[i + 1] = at; }
  const bytes = enc.encode(parts.join(""));
  return { type: "utf8", length: n, offsets, bytes, valid: null };
}
const vs = Array.from({ length: 8 }, vec);
for (let r = 0; r < 3; r++) {
  const t = performance.now(); let c = 0;
  for (let k = 0; k < reps; k++) { const out = compareConstant("=", vs[k & 7], "login", false); c += out.values[5]; }
  const ms = performance.now() - t; console.log("ns/row", (ms * 1e6 / (n * reps)).toFixed(1), c);
}
function eqConst(l, x, negate) {
  const want = enc.encode(x), w = want.length, offsets = l.offsets, bytes = l.bytes, n = l.length;
  const out = new Uint8Array(n);
  const hit = negate ? 0 : 1, miss = negate ? 1 : 0;
  let s = offsets[0];
  for (let i = 0; i < n; i++) {
    const e = offsets[i + 1];
    let r = miss;
    if (e - s === w) {
      let k = 0;
      while (k < w && bytes[s + k] === want[k]) k++;
      if (k === w) r = hit;
    }
    out[i] = r;
    s = e;
  }
  return { type: "bool", length: n, values: out, valid: l.valid };
}
for (let r = 0; r < 3; r++) {
  const t = performance.now(); let c = 0;
  for (let k = 0; k < reps; k++) { const out = eqConst(vs[k & 7], "login", false); c += out.values[5]; }
  const ms = performance.now() - t; console.log("new ns/row", (ms * 1e6 / (n * reps)).toFixed(1), c);
}
function eqConst2(l, x, negate) {
  const want = enc.encode(x), w = want.length, offsets = l.offsets, bytes = l.bytes, n = l.length;
  const out = new Uint8Array(n);
  const flip = negate ? 1 : 0;
  const limit = bytes.length - w;
  let i = 0;
  for (; i < n; i++) {
    const s = offsets[i];
    if (s > limit) break;
    let d = (offsets[i + 1] - s) ^ w;
    for (let k = 0; k < w; k++) d |= bytes[s + k] ^ want[k];
    out[i] = (d === 0 ? 1 : 0) ^ flip;
  }
  for (; i < n; i++) {
    const s = offsets[i]; let eq = offsets[i + 1] - s === w;
    for (let k = 0; eq && k < w; k++) eq = bytes[s + k] === want[k];
    out[i] = (eq ? 1 : 0) ^ flip;
  }
  return { type: "bool", length: n, values: out, valid: l.valid };
}
for (let r = 0; r < 3; r++) {
  const t = performance.now(); let c = 0;
  for (let k = 0; k < reps; k++) { const out = eqConst2(vs[k & 7], "login", false); c += out.values[5]; }
  const ms = performance.now() - t; console.log("branchless ns/row", (ms * 1e6 / (n * reps)).toFixed(1), c);
}
