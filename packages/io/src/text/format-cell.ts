// Renders cells as Spark's JSON and CSV writers do.
import type { DataType } from "@lgde/core";
import type { Cell } from "../arrow/builder.js";
import { formatDate, formatTimestamp } from "../time/zone.js";

/** Text of a non-null cell: doubles keep a fraction (`1.0`), timestamps ISO in the zone, dates yyyy-MM-dd. */
export function cellText(v: Exclude<Cell, null>, type: DataType, zone: string): string {
  switch (type) {
    case "float64": {
      const n = Number(v);
      return Number.isInteger(n) && Math.abs(n) < 1e21 ? `${n}.0` : String(n);
    }
    case "timestamp": return formatTimestamp(BigInt(v), zone);
    case "date": return formatDate(Number(v));
    case "int32": case "int64": case "utf8": case "bool": case "null":
      return String(v);
  }
}
