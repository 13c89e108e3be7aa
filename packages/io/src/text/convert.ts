// Converts text (CSV fields, partition directory values) to cells of a logical type.
import type { DataType } from "@lgde/core";
import type { Cell } from "../arrow/builder.js";
import { parseDate, parseTimestamp } from "../time/zone.js";

/** The cell, or `undefined` when the text does not fit the type. */
export type Parsed = Cell | undefined;

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INT32_MIN = -(2 ** 31), INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;

/** Parses `text` as `type`; `zone` reads timestamps without an offset. */
export function parseText(text: string, type: DataType, zone: string): Parsed {
  const t = text.trim();
  switch (type) {
    case "int32": {
      if (!INT.test(t)) return undefined;
      const n = Number(t);
      return n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
    }
    case "int64": {
      if (!INT.test(t)) return undefined;
      const n = BigInt(t);
      return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
    }
    case "float64": {
      if (FLOAT.test(t)) return Number(t);
      if (/^[+-]?(NaN|Infinity|Inf)$/i.test(t)) return t.toLowerCase().includes("nan") ? NaN : t.startsWith("-") ? -Infinity : Infinity;
      return undefined;
    }
    case "utf8": return text;
    case "bool": {
      const l = t.toLowerCase();
      return l === "true" ? true : l === "false" ? false : undefined;
    }
    case "timestamp": return parseTimestamp(t, zone) ?? undefined;
    case "date": return parseDate(t) ?? undefined;
    case "null": return null;
  }
}

/** Spark's CSV type inference for one field: the narrowest of int, bigint, double, boolean, else string. */
export function inferTextType(text: string): DataType {
  const t = text.trim();
  if (INT.test(t)) {
    const n = BigInt(t);
    if (n >= BigInt(INT32_MIN) && n <= BigInt(INT32_MAX)) return "int32";
    if (n >= INT64_MIN && n <= INT64_MAX) return "int64";
    return "float64";
  }
  if (FLOAT.test(t) || /^[+-]?(NaN|Infinity)$/.test(t)) return "float64";
  if (/^(true|false)$/i.test(t)) return "bool";
  return "utf8";
}

/** The type that holds both (Spark's inference merge): int < bigint < double, anything else → string. */
export function widen(a: DataType, b: DataType): DataType {
  if (a === b) return a;
  if (a === "null") return b;
  if (b === "null") return a;
  const rank: Partial<Record<DataType, number>> = { int32: 1, int64: 2, float64: 3 };
  const ra = rank[a], rb = rank[b];
  if (ra !== undefined && rb !== undefined) return ra > rb ? a : b;
  return "utf8";
}
