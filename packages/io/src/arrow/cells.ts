// Reads cells (see builder.ts) out of Arrow vectors of our logical types, for the text writers and partitioning.
import type * as arrow from "apache-arrow";
import type { DataType } from "@lgde/core";
import type { Cell } from "./builder.js";

/** A function returning the cell at row i of a vector holding `type`. */
export function cellReader(vector: arrow.Vector, type: DataType): (i: number) => Cell {
  switch (type) {
    case "int64": case "timestamp": case "date": case "int32": {
      // Raw values: Arrow JS turns timestamps into milliseconds and dates into Date-like numbers on get().
      // A sliced Data has its value buffer already narrowed; only the validity bits go by `offset`.
      const chunks = vector.data;
      if (chunks.length === 1) {
        const d = chunks[0]!;
        const values = d.values as BigInt64Array | Int32Array;
        return (i) => (d.getValid(i) ? (values[i] as number | bigint) : null);
      }
      return (i) => {
        let k = i;
        for (const d of chunks) {
          if (k < d.length) return d.getValid(k) ? ((d.values as BigInt64Array | Int32Array)[k] as number | bigint) : null;
          k -= d.length;
        }
        return null;
      };
    }
    case "float64": case "utf8": case "bool":
      return (i) => (vector.isValid(i) ? (vector.get(i) as number | string | boolean) : null);
    case "null":
      return () => null;
  }
}
