// when/otherwise, coalesce and not.
import { Column, operandExpr, type Operand, type RefsOf, type ValueOf } from "../column/column.js";
import { E } from "../expr/build.js";
import type { CaseWhen } from "../expr/expr.js";
import { argExpr, type ArgRefs, type ArgValue, type ColumnOrName } from "./column.js";

/**
 * A `CASE WHEN` under construction: add branches with `when`, finish with `otherwise`.
 * Without `otherwise`, unmatched rows are null. It is a Column, so it can be used as is.
 */
export class WhenColumn<T, Refs extends string> extends Column<T | null, Refs, string> {
  /** Adds a branch, tried after the earlier ones. */
  when<C extends Column<unknown, string, string>, V extends Operand>(condition: C, value: V):
  WhenColumn<T | ValueOf<V>, Refs | RefsOf<C> | RefsOf<V>> {
    const e = this.expr as CaseWhen;
    return new WhenColumn(E.caseWhen([...e.branches, { when: condition.expr, then: operandExpr(value) }], null));
  }

  /** The value of rows that match no branch. */
  otherwise<V extends Operand>(value: V): Column<T | ValueOf<V>, Refs | RefsOf<V>, string> {
    const e = this.expr as CaseWhen;
    if (e.otherwise !== null) throw new TypeError("otherwise() can be called only once on a when() expression");
    return new Column(E.caseWhen(e.branches, operandExpr(value)));
  }
}

/**
 * Starts a `CASE WHEN`: `when(col("a").gt(1), "big").when(col("a").gt(0), "small").otherwise("none")`.
 * Literal values are wrapped with `lit`.
 */
export function when<C extends Column<unknown, string, string>, V extends Operand>(condition: C, value: V):
  WhenColumn<ValueOf<V>, RefsOf<C> | RefsOf<V>> {
  return new WhenColumn(E.caseWhen([{ when: condition.expr, then: operandExpr(value) }], null));
}

/** The first non-null argument (columns or names). */
export function coalesce<const C extends readonly ColumnOrName[]>(...cols: C):
  Column<ArgValue<C[number]>, ArgRefs<C[number]>, string> {
  return new Column(E.call("coalesce", cols.map(argExpr)));
}

/** Logical NOT of a boolean column. */
export function not<C extends ColumnOrName>(c: C): Column<boolean | null, ArgRefs<C>, string> {
  return new Column(E.not(argExpr(c)));
}
