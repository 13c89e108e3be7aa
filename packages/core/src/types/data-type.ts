// The engine's logical types, their Arrow counterparts and their values in JavaScript rows.
import * as arrow from "apache-arrow";

/**
 * A logical data type. Names follow Spark's SQL types where they differ from Arrow's:
 * `int32` is Spark `int`, `int64` is `bigint`, `float64` is `double`, `utf8` is `string`,
 * `bool` is `boolean`, `timestamp` is an instant (Arrow `Timestamp(MICROSECOND, "UTC")`),
 * `date` is a calendar day (Arrow `Date32`, days since 1970-01-01), `null` is Spark's `void`.
 */
export type DataType = "int32" | "int64" | "float64" | "utf8" | "bool" | "timestamp" | "date" | "null";

/** Every data type, for exhaustive tables and generators. */
export const DATA_TYPES: readonly DataType[] = Object.freeze([
  "int32", "int64", "float64", "utf8", "bool", "timestamp", "date", "null",
]);

/** One named, typed column of a schema. */
export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

/** An ordered list of fields. Names are usually unique; a join may produce duplicates (see `resolveColumn`). */
export interface Schema {
  readonly fields: readonly Field[];
}

/**
 * How each type appears in collected rows:
 * int32/int64/float64 → `number` (an int64 beyond 2^53 is an error at collect time, naming the column;
 * read it exactly with `toArrow()`), utf8 → `string`, bool → `boolean`,
 * timestamp → `Date`, date → `Date` at UTC midnight, null → `null`.
 */
export interface JsTypeOf {
  int32: number;
  int64: number;
  float64: number;
  utf8: string;
  bool: boolean;
  timestamp: Date;
  date: Date;
  null: null;
}

/** A JavaScript value that a row may hold. */
export type Value = number | string | boolean | Date | null;

export function field(name: string, type: DataType, nullable = true): Field {
  return Object.freeze({ name, type, nullable });
}

export function schema(fields: readonly Field[]): Schema {
  return Object.freeze({ fields: Object.freeze([...fields]) });
}

export function isNumeric(t: DataType): boolean {
  return t === "int32" || t === "int64" || t === "float64";
}

export function isIntegral(t: DataType): boolean {
  return t === "int32" || t === "int64";
}

/** Spark's name of a type, as `printSchema()` and DDL strings use it. */
export const SPARK_TYPE_NAMES: Readonly<Record<DataType, string>> = Object.freeze({
  int32: "integer", int64: "long", float64: "double", utf8: "string",
  bool: "boolean", timestamp: "timestamp", date: "date", null: "void",
});

/** The Arrow type that stores a logical type. */
export function toArrowType(t: DataType): arrow.DataType {
  switch (t) {
    case "int32": return new arrow.Int32();
    case "int64": return new arrow.Int64();
    case "float64": return new arrow.Float64();
    case "utf8": return new arrow.Utf8();
    case "bool": return new arrow.Bool();
    case "timestamp": return new arrow.TimestampMicrosecond("UTC");
    case "date": return new arrow.DateDay();
    case "null": return new arrow.Null();
  }
}

/** The logical type of an Arrow type, or an error naming the column whose type is unsupported. */
export function fromArrowType(t: arrow.DataType, column: string): DataType {
  if (arrow.DataType.isInt(t)) {
    if (t.bitWidth <= 32 && (t.isSigned || t.bitWidth < 32)) return "int32";
    return "int64";
  }
  if (arrow.DataType.isFloat(t)) return "float64";
  if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t)) return "utf8";
  if (arrow.DataType.isBool(t)) return "bool";
  if (arrow.DataType.isTimestamp(t)) return "timestamp";
  if (arrow.DataType.isDate(t)) return "date";
  if (arrow.DataType.isNull(t)) return "null";
  if (arrow.DataType.isDictionary(t)) return fromArrowType(t.dictionary, column);
  throw new TypeError(`column "${column}": unsupported Arrow type ${String(t)}`);
}

export function toArrowSchema(s: Schema): arrow.Schema {
  return new arrow.Schema(s.fields.map((f) => new arrow.Field(f.name, toArrowType(f.type), f.nullable)));
}

export function fromArrowSchema(s: arrow.Schema): Schema {
  return schema(s.fields.map((f) => field(f.name, fromArrowType(f.type, f.name), f.nullable)));
}
