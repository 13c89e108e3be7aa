// Date and time functions in the session zone: from_unixtime, unix_timestamp, to_timestamp,
// to_date, date_format, year, month, dayofmonth, hour.
import { civilFromDays, compilePattern, formatWallTo, fromWall, MICROS_PER_DAY, parseWall, toWall, type Pattern } from "@lgde/core";
import { ColumnBuilder } from "../../kernels/builder.js";
import { safeIntegersFromInt64 } from "../../kernels/int64.js";
import { WallTextColumn } from "../../kernels/wall-text.js";
import { strAt, type StrVec, type Vec } from "../../kernels/vector.js";
import { castVec } from "../cast.js";
import type { CallArgs } from "./kernel.js";

/** The pattern of row i: the literal compiled once, else the row's own text. */
function patternAt(call: CallArgs, argIndex: number): (i: number) => Pattern | null {
  const lit = call.literals[argIndex];
  if (typeof lit === "string") { const p = compilePattern(lit); return () => p; }
  const v = call.args[argIndex];
  if (v === undefined || v.type !== "utf8") return () => null;
  return (i) => (v.valid !== null && v.valid[i] === 0 ? null : compilePattern(strAt(v, i)));
}

function isNull(v: Vec, i: number): boolean {
  return v.type === "null" || (v.valid !== null && v.valid[i] === 0);
}

/** Formats instants (micros) given by `micros(i)` with the pattern. */
function formatInstants(call: CallArgs, src: Vec, micros: (i: number) => number, pattern: (i: number) => Pattern | null): Vec {
  const n = call.length;
  const out = new WallTextColumn(n);
  for (let i = 0; i < n; i++) {
    const p = pattern(i);
    if (isNull(src, i) || p === null) { out.appendNull(); continue; }
    const w = toWall(micros(i), call.ctx.zone);
    formatWallTo(p, w.days, w.microsOfDay, out);
    out.endRow();
  }
  return out.finish();
}

export function from_unixtime(call: CallArgs): Vec {
  const v = call.args[0]!;
  if (v.type !== "int64") return castVec(v, "utf8", call.ctx);
  // Seconds as doubles without a BigInt per row (a value past 2^53 seconds is no real instant).
  const seconds = safeIntegersFromInt64(v.values, v.length);
  const a = v.values;
  return formatInstants(call, v, seconds !== null ? (i) => seconds[i]! * 1_000_000 : (i) => Number(a[i]!) * 1_000_000, patternAt(call, 1));
}

export function date_format(call: CallArgs): Vec {
  const v = call.args[0]!;
  const pattern = patternAt(call, 1);
  if (v.type === "date") {
    const out = new WallTextColumn(v.length);
    for (let i = 0; i < v.length; i++) {
      const p = pattern(i);
      if (isNull(v, i) || p === null) out.appendNull();
      else { formatWallTo(p, v.values[i]!, 0, out); out.endRow(); }
    }
    return out.finish();
  }
  const ts = castVec(v, "timestamp", call.ctx);
  if (ts.type !== "timestamp") return ts;
  const a = ts.values;
  return formatInstants(call, ts, (i) => Number(a[i]!), pattern);
}

/** Instants (micros) of strings parsed with a pattern in the session zone; null where they do not parse. */
function parseInstants(call: CallArgs, v: StrVec): Vec {
  const pattern = patternAt(call, 1);
  const b = new ColumnBuilder("timestamp", v.length);
  for (let i = 0; i < v.length; i++) {
    const p = pattern(i);
    if (isNull(v, i) || p === null) { b.appendNull(); continue; }
    const w = parseWall(p, strAt(v, i));
    if (w === null) b.appendNull(); else b.appendValue(BigInt(fromWall(w.days, w.microsOfDay, call.ctx.zone)));
  }
  return b.finish();
}

export function to_timestamp(call: CallArgs): Vec {
  const v = call.args[0]!;
  if (v.type === "utf8" && call.args.length > 1) return parseInstants(call, v);
  return castVec(v, "timestamp", call.ctx);
}

export function unix_timestamp(call: CallArgs): Vec {
  const v = call.args[0]!;
  const ts = v.type === "utf8" ? parseInstants(call, v) : castVec(v, "timestamp", call.ctx);
  if (ts.type !== "timestamp") return castVec(ts, "int64", call.ctx);
  const out = new BigInt64Array(ts.length);
  for (let i = 0; i < ts.length; i++) out[i] = BigInt(Math.floor(Number(ts.values[i]!) / 1_000_000));
  return { type: "int64", length: ts.length, values: out, valid: ts.valid };
}

export function to_date(call: CallArgs): Vec {
  const v = call.args[0]!;
  if (v.type === "utf8" && call.args.length > 1) {
    const pattern = patternAt(call, 1);
    const b = new ColumnBuilder("date", v.length);
    for (let i = 0; i < v.length; i++) {
      const p = pattern(i);
      const w = isNull(v, i) || p === null ? null : parseWall(p, strAt(v, i));
      if (w === null) b.appendNull(); else b.appendValue(w.days);
    }
    return b.finish();
  }
  return castVec(v, "date", call.ctx);
}

function datePart(part: 0 | 1 | 2) {
  return (call: CallArgs): Vec => {
    const v = call.args[0]!;
    if (v.type !== "date") return castVec(v, "int32", call.ctx);
    const out = new Int32Array(v.length);
    const ymd = new Int32Array(3);
    let lastDay = NaN, last = 0;
    for (let i = 0; i < v.length; i++) {
      const d = v.values[i]!;
      if (d !== lastDay) { civilFromDays(d, ymd); lastDay = d; last = ymd[part]!; }
      out[i] = last;
    }
    return { type: "int32", length: v.length, values: out, valid: v.valid };
  };
}

export const year = datePart(0);
export const month = datePart(1);
export const dayofmonth = datePart(2);

export function hour(call: CallArgs): Vec {
  const v = call.args[0]!;
  if (v.type !== "timestamp") return castVec(v, "int32", call.ctx);
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const w = toWall(Number(v.values[i]!), call.ctx.zone);
    out[i] = Math.floor(w.microsOfDay / 3_600_000_000);
  }
  return { type: "int32", length: v.length, values: out, valid: v.valid };
}

export { MICROS_PER_DAY };
