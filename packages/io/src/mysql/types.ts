// Mapping MySQL column types to the engine's types (reading) and back to DDL (writing).
import type { DataType, Field } from "@lgde/core";

/**
 * The MySQL storage class of a column, as far as reading and filter pushdown care.
 * Kept in `SourceRef.options.mysqlTypes` so that a worker reading a partition needs no metadata query.
 */
export type MysqlKind =
  | "int" | "int-unsigned" | "bigint" | "bigint-unsigned" | "float" | "double" | "decimal"
  | "string" | "json" | "bool" | "bit" | "datetime" | "timestamp" | "date" | "time" | "year" | "null";

/** mysql2 field metadata we use (from a result set's column definitions). */
export interface MysqlFieldInfo {
  readonly name: string;
  readonly columnType?: number;
  readonly type?: number;
  readonly columnLength?: number;
  readonly flags: number | string[];
  readonly characterSet?: number;
}

// Protocol type codes (include/mysql_com.h, enum_field_types).
const T = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, NULL: 6, TIMESTAMP: 7, LONGLONG: 8, INT24: 9,
  DATE: 10, TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, VARCHAR: 15, BIT: 16, TIMESTAMP2: 17, DATETIME2: 18,
  TIME2: 19, JSON: 245, NEWDECIMAL: 246, ENUM: 247, SET: 248, TINY_BLOB: 249, MEDIUM_BLOB: 250, LONG_BLOB: 251,
  BLOB: 252, VAR_STRING: 253, STRING: 254, GEOMETRY: 255,
} as const;
const NOT_NULL_FLAG = 1;
const UNSIGNED_FLAG = 32;
const BINARY_CHARSET = 63;

/** Options that change the mapping. */
export interface TypeMappingOptions {
  /** Read TINYINT(1)/BOOLEAN as bool, like Spark's MySQL dialect and Connector/J (default true). */
  readonly tinyInt1isBit: boolean;
}

/** The MySQL kind and the engine type of one result column; throws naming the column for types we cannot represent. */
export function mapMysqlField(f: MysqlFieldInfo, where: string, opts: TypeMappingOptions): { kind: MysqlKind; field: Field } {
  const code = f.columnType ?? f.type ?? -1;
  const flags = typeof f.flags === "number" ? f.flags : 0;
  const unsigned = (flags & UNSIGNED_FLAG) !== 0;
  const nullable = (flags & NOT_NULL_FLAG) === 0;
  const kind = kindOf(code, unsigned, f, opts);
  if (kind === null) {
    throw new Error(
      `${where}: column "${f.name}" has MySQL type code ${code}${f.characterSet === BINARY_CHARSET ? " (binary)" : ""}, ` +
      "which has no engine type (binary, blob and geometry columns are not supported); select it through a query with CAST or HEX()",
    );
  }
  return { kind, field: Object.freeze({ name: f.name, type: KIND_TYPES[kind], nullable: kind === "null" ? true : nullable }) };
}

function kindOf(code: number, unsigned: boolean, f: MysqlFieldInfo, opts: TypeMappingOptions): MysqlKind | null {
  const binary = f.characterSet === BINARY_CHARSET;
  switch (code) {
    case T.TINY:
      return opts.tinyInt1isBit && f.columnLength === 1 ? "bool" : "int";
    case T.SHORT: case T.INT24: return "int";
    case T.LONG: return unsigned ? "int-unsigned" : "int";
    case T.LONGLONG: return unsigned ? "bigint-unsigned" : "bigint";
    case T.YEAR: return "year";
    case T.FLOAT: return "float";
    case T.DOUBLE: return "double";
    case T.DECIMAL: case T.NEWDECIMAL: return "decimal";
    case T.BIT: return f.columnLength === 1 ? "bit" : null;
    case T.TIMESTAMP: case T.TIMESTAMP2: return "timestamp";
    case T.DATETIME: case T.DATETIME2: return "datetime";
    case T.DATE: case T.NEWDATE: return "date";
    case T.TIME: case T.TIME2: return "time";
    case T.JSON: return "json";
    case T.NULL: return "null";
    case T.ENUM: case T.SET: return "string";
    case T.VARCHAR: case T.VAR_STRING: case T.STRING:
    case T.TINY_BLOB: case T.MEDIUM_BLOB: case T.LONG_BLOB: case T.BLOB:
      return binary ? null : "string";
    default:
      return null;
  }
}

/** The engine type of each MySQL kind. */
export const KIND_TYPES: Readonly<Record<MysqlKind, DataType>> = Object.freeze({
  "int": "int32",
  "int-unsigned": "int64",
  "bigint": "int64",
  "bigint-unsigned": "int64",
  "float": "float64",
  "double": "float64",
  "decimal": "float64",
  "string": "utf8",
  "json": "utf8",
  "bool": "bool",
  "bit": "bool",
  "datetime": "timestamp",
  "timestamp": "timestamp",
  "date": "date",
  "time": "utf8",
  "year": "int32",
  "null": "null",
});

export const MYSQL_KINDS: readonly MysqlKind[] = Object.freeze(Object.keys(KIND_TYPES) as MysqlKind[]);

export function isMysqlKind(s: unknown): s is MysqlKind {
  return typeof s === "string" && Object.prototype.hasOwnProperty.call(KIND_TYPES, s);
}

/**
 * The column type used when the sink creates a table. Key columns of type utf8 become VARCHAR(255)
 * (a TEXT column cannot be a primary key); other strings LONGTEXT so nothing is truncated.
 */
export function ddlType(t: DataType, isKey: boolean): string {
  switch (t) {
    case "int32": return "INT";
    case "int64": return "BIGINT";
    case "float64": return "DOUBLE";
    case "utf8": return isKey ? "VARCHAR(255)" : "LONGTEXT";
    case "bool": return "BOOLEAN";
    case "timestamp": return "DATETIME(6)";
    case "date": return "DATE";
    case "null": return "LONGTEXT";
  }
}
