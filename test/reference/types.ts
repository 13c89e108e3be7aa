// The reference's own (minimal) typing of expressions, after Spark's rules in docs/CONTRACTS.md.
import type { DataType, Expr, Schema } from "@lgde/core";

const NUMERIC_RANK: Partial<Record<DataType, number>> = { int32: 1, int64: 2, float64: 3 };

/** The wider of two types (null loses to anything; numerics widen int32 < int64 < float64). */
export function widerType(a: DataType, b: DataType): DataType {
  if (a === "null") return b;
  if (b === "null") return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) return ra >= rb ? a : b;
  if (a === b) return a;
  if ((a === "date" && b === "timestamp") || (a === "timestamp" && b === "date")) return "timestamp";
  throw new Error(`reference: no common type of ${a} and ${b}`);
}

/** Index of a column by name; an error if unknown or ambiguous. */
export function columnIndex(schema: Schema, name: string): number {
  let found = -1;
  schema.fields.forEach((f, i) => {
    if (f.name === name) {
      if (found >= 0) throw new Error(`reference: column "${name}" is ambiguous`);
      found = i;
    }
  });
  if (found < 0) {
    throw new Error(`reference: no column "${name}" among ${schema.fields.map((f) => f.name).join(", ")}`);
  }
  return found;
}

/** The type of an expression over `schema`. */
export function typeOf(e: Expr, schema: Schema): DataType {
  switch (e.kind) {
    case "column": return schema.fields[columnIndex(schema, e.name)]!.type;
    case "literal": return e.type;
    case "binary":
      switch (e.op) {
        case "/": return "float64";
        case "+": case "-": case "*": case "%": {
          const t = widerType(typeOf(e.left, schema), typeOf(e.right, schema));
          return t === "null" ? "int32" : t;
        }
        case "=": case "!=": case "<": case "<=": case ">": case ">=": case "<=>":
        case "and": case "or":
          return "bool";
      }
      break;
    case "not": return "bool";
    case "is_null": return "bool";
    case "in": return "bool";
    case "negate": return typeOf(e.input, schema);
    case "cast": return e.to;
    case "alias": return typeOf(e.input, schema);
    case "case": {
      let t: DataType = "null";
      for (const b of e.branches) t = widerType(t, typeOf(b.then, schema));
      if (e.otherwise) t = widerType(t, typeOf(e.otherwise, schema));
      return t;
    }
    case "call":
      switch (e.fn) {
        case "coalesce": return e.args.reduce<DataType>((t, a) => widerType(t, typeOf(a, schema)), "null");
        case "concat": case "lower": case "upper": case "trim": case "substring":
        case "from_unixtime": case "date_format":
          return "utf8";
        case "length": case "year": case "month": case "dayofmonth": case "hour":
          return "int32";
        case "abs": return typeOf(e.args[0]!, schema);
        case "round": return typeOf(e.args[0]!, schema);
        case "unix_timestamp": return "int64";
        case "to_timestamp": return "timestamp";
        case "to_date": return "date";
      }
      break;
    case "aggregate":
      switch (e.fn) {
        case "count": return "int64";
        case "avg": return "float64";
        case "sum": {
          const t = typeOf(e.args[0]!, schema);
          return t === "float64" ? "float64" : "int64";
        }
        case "min": case "max": case "first": return typeOf(e.args[0]!, schema);
      }
  }
}
