// String functions: lower, upper, trim, length, concat, substring.
import { Column } from "../column/column.js";
import { E } from "../expr/build.js";
import { argExpr, type ArgName, type ArgRefs, type ColumnOrName } from "./column.js";

/** Lower-cases a string column. */
export function lower<C extends ColumnOrName>(c: C): Column<string | null, ArgRefs<C>, `lower(${ArgName<C>})`> {
  return new Column(E.call("lower", [argExpr(c)]));
}

/** Upper-cases a string column. */
export function upper<C extends ColumnOrName>(c: C): Column<string | null, ArgRefs<C>, `upper(${ArgName<C>})`> {
  return new Column(E.call("upper", [argExpr(c)]));
}

/** Removes leading and trailing spaces. */
export function trim<C extends ColumnOrName>(c: C): Column<string | null, ArgRefs<C>, `trim(${ArgName<C>})`> {
  return new Column(E.call("trim", [argExpr(c)]));
}

/** The number of characters of a string. */
export function length<C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `length(${ArgName<C>})`> {
  return new Column(E.call("length", [argExpr(c)]));
}

/** Concatenates strings; null if any argument is null (Spark's `concat`). Names are columns; use `lit` for text. */
export function concat<const C extends readonly ColumnOrName[]>(...cols: C): Column<string | null, ArgRefs<C[number]>, string> {
  return new Column(E.call("concat", cols.map(argExpr)));
}

/** Spark's `substring(str, pos, len)`: 1-based `pos` (negative counts from the end), `len` characters. */
export function substring<C extends ColumnOrName>(c: C, pos: number, len: number): Column<string | null, ArgRefs<C>, string> {
  return new Column(E.call("substring", [argExpr(c), E.literal(pos), E.literal(len)]));
}
