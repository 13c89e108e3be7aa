// DDL schema strings via core's parser, with errors raised as io's (naming the option).
import { parseDdl, parseDdlType, type DataType, type Schema } from "@lgde/core";
import { IoError, messageOf } from "./errors.js";

/** The logical type of a Spark SQL type name (`int`, `bigint`, `string`, `varchar(10)`, ...). */
export function parseTypeName(text: string, what: string): DataType {
  try {
    return parseDdlType(text, what);
  } catch (e) {
    throw new IoError(messageOf(e), { cause: e });
  }
}

/** Parses `"a int, b string"` into a schema. */
export function parseDDL(ddl: string): Schema {
  try {
    return parseDdl(ddl);
  } catch (e) {
    throw new IoError(`schema "${ddl}": ${messageOf(e)}`, { cause: e });
  }
}
