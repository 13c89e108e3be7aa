// Our data types as Spark Connect DataType messages and as Spark DDL text.
import type { DataType, Schema } from "@lgde/core";
import type { DataTypeMsg } from "./messages.js";

const EMPTY: Record<string, never> = Object.freeze({});

/** The Spark type of each of ours (timestamp is Spark's TIMESTAMP, an instant). */
const DATA_TYPE_MSG: Readonly<Record<DataType, DataTypeMsg>> = Object.freeze({
  int32: { integer: EMPTY },
  int64: { long: EMPTY },
  float64: { double: EMPTY },
  utf8: { string: EMPTY },
  bool: { boolean: EMPTY },
  timestamp: { timestamp: EMPTY },
  date: { date: EMPTY },
  null: { null: EMPTY },
});

/** Spark SQL's DDL name of each of our types. */
const DDL_NAME: Readonly<Record<DataType, string>> = Object.freeze({
  int32: "INT", int64: "BIGINT", float64: "DOUBLE", utf8: "STRING", bool: "BOOLEAN",
  timestamp: "TIMESTAMP", date: "DATE", null: "VOID",
});

export function dataTypeMsg(t: DataType): DataTypeMsg {
  return DATA_TYPE_MSG[t];
}

/** A Spark identifier in backticks (a backtick inside is doubled), so any column name survives parsing. */
export function quoteIdentifier(name: string): string {
  return "`" + name.replaceAll("`", "``") + "`";
}

/** A schema as Spark DDL, e.g. "`a` INT, `b` STRING". */
export function schemaDdl(s: Schema): string {
  return s.fields.map((f) => `${quoteIdentifier(f.name)} ${DDL_NAME[f.type]}`).join(", ");
}
