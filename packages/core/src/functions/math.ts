// Math functions: abs, round.
import { Column } from "../column/column.js";
import { E } from "../expr/build.js";
import { argExpr, type ArgName, type ArgRefs, type ColumnOrName } from "./column.js";

/** Absolute value. */
export function abs<C extends ColumnOrName>(c: C): Column<number | null, ArgRefs<C>, `abs(${ArgName<C>})`> {
  return new Column(E.call("abs", [argExpr(c)]));
}

/** Rounds half up (away from zero) to `scale` decimal places (Spark's `round`, HALF_UP). */
export function round<C extends ColumnOrName>(c: C, scale = 0): Column<number | null, ArgRefs<C>, string> {
  return new Column(E.call("round", [argExpr(c), E.literal(scale)]));
}
