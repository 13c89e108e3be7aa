// Column: the user-facing expression builder, a typed wrapper over a frozen Expr.
import { E } from "../expr/build.js";
import type { BinaryOp, Expr } from "../expr/expr.js";
import { parseDdlType, type DDL_TYPE_NAMES, type DdlTypeName } from "../format/ddl.js";
import type { DataType, JsTypeOf } from "../types/data-type.js";
import { SortColumn } from "./sort-column.js";
import type { LiteralInput, LiteralName, LiteralValueOf } from "./types.js";

/** What a Column method accepts as its other operand: another Column or a literal (wrapped with `lit`). */
export type Operand = Column<unknown, string, string> | LiteralInput;

/** Columns referenced by an operand (none for a literal). */
export type RefsOf<A> = A extends Column<unknown, infer R, string> ? R : never;

/** The automatic name of an operand (a Column's name, or a literal's text). */
export type NameOf<A> = A extends Column<unknown, string, infer N> ? N : LiteralName<A>;

/** The value type of an operand. */
export type ValueOf<A> = A extends Column<infer T, string, string> ? T : LiteralValueOf<A>;

/** Target types of `cast`: Spark's names (`"int"`, `"bigint"`, `"double"`, `"string"`, ...) or a DataType. */
export type CastTarget = DdlTypeName | DataType;

/** The row value type after a cast. */
export type CastValue<C extends CastTarget> =
  C extends DataType ? JsTypeOf[C]
  : C extends DdlTypeName ? JsTypeOf[(typeof DDL_TYPE_NAMES)[C]]
  : unknown;

/** Wraps a literal (or passes a Column's expression through). */
export function operandExpr(v: Operand): Expr {
  if (v instanceof Column) return v.expr;
  if (v === undefined) throw new TypeError("undefined is not a literal; use null (lit(null)) for a null value");
  if (typeof v === "object" && v !== null && !(v instanceof Date)) {
    throw new TypeError(`cannot make a literal of ${String(v)}; pass a Column or a number, bigint, string, boolean, Date or null`);
  }
  return E.literal(v);
}

type Binary<Name extends string, Op extends string, A> = `(${Name} ${Op} ${NameOf<A>})`;

/**
 * A column expression, like Spark's `Column`. Build it with `col("name")`, `lit(value)` or the
 * functions (`sum`, `when`, `lower`, ...) and combine with its methods; literal arguments are
 * wrapped with `lit`. Immutable: every method returns a new Column.
 *
 * The type parameters are for the compiler only: `T` is the row value type (or a
 * `ColumnValue<"name">` marker resolved by the frame), `Refs` the names of the columns it reads
 * (so a frame with a known row type rejects unknown names at compile time), `Name` its output name.
 *
 * @example
 * ```ts
 * df.where(col("age").geq(18).and(col("country").isin("KR", "JP")))
 *   .select(col("price").multiply(col("qty")).as("total"));
 * ```
 */
export class Column<T = unknown, Refs extends string = string, Name extends string = string> {
  /** Phantom members carry the type parameters; they do not exist at run time. */
  declare readonly __value?: T;
  declare readonly __refs?: Refs;
  declare readonly __name?: Name;

  /** The frozen expression this column stands for. */
  readonly expr: Expr;

  constructor(expr: Expr) {
    this.expr = expr;
    Object.freeze(this);
  }

  private bin<R>(op: BinaryOp, other: Operand): R {
    return new Column(E.binary(op, this.expr, operandExpr(other))) as R;
  }

  /** `=` (Spark's `===`): null if either side is null. */
  equalTo<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "=", A>> {
    return this.bin("=", other);
  }
  /** Alias of `equalTo`. */
  eq<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "=", A>> {
    return this.bin("=", other);
  }
  /** `!=` (Spark's `=!=`). */
  notEqual<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "!=", A>> {
    return this.bin("!=", other);
  }
  /** Alias of `notEqual`. */
  ne<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "!=", A>> {
    return this.bin("!=", other);
  }
  /** `>`. */
  gt<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, ">", A>> {
    return this.bin(">", other);
  }
  /** `<`. */
  lt<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "<", A>> {
    return this.bin("<", other);
  }
  /** `>=`. */
  geq<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, ">=", A>> {
    return this.bin(">=", other);
  }
  /** Alias of `geq`. */
  ge<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, ">=", A>> {
    return this.bin(">=", other);
  }
  /** `<=`. */
  leq<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "<=", A>> {
    return this.bin("<=", other);
  }
  /** Alias of `leq`. */
  le<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "<=", A>> {
    return this.bin("<=", other);
  }
  /** Null-safe equality `<=>`: true when both are null, never null itself. */
  eqNullSafe<A extends Operand>(other: A): Column<boolean, Refs | RefsOf<A>, Binary<Name, "<=>", A>> {
    return this.bin("<=>", other);
  }

  /** `+`. Integer operands widen (int < bigint < double). */
  plus<A extends Operand>(other: A): Column<number | null, Refs | RefsOf<A>, Binary<Name, "+", A>> {
    return this.bin("+", other);
  }
  /** `-`. */
  minus<A extends Operand>(other: A): Column<number | null, Refs | RefsOf<A>, Binary<Name, "-", A>> {
    return this.bin("-", other);
  }
  /** `*`. */
  multiply<A extends Operand>(other: A): Column<number | null, Refs | RefsOf<A>, Binary<Name, "*", A>> {
    return this.bin("*", other);
  }
  /** `/`: always a double; division by zero gives null. */
  divide<A extends Operand>(other: A): Column<number | null, Refs | RefsOf<A>, Binary<Name, "/", A>> {
    return this.bin("/", other);
  }
  /** `%`: remainder with the dividend's sign; by zero gives null. */
  mod<A extends Operand>(other: A): Column<number | null, Refs | RefsOf<A>, Binary<Name, "%", A>> {
    return this.bin("%", other);
  }
  /** Unary minus. */
  negate(): Column<number | null, Refs, `(- ${Name})`> {
    return new Column(E.negate(this.expr));
  }

  /** Logical AND with three-valued logic (`false AND null` is false). */
  and<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "AND", A>> {
    return this.bin("and", other);
  }
  /** Logical OR with three-valued logic (`true OR null` is true). */
  or<A extends Operand>(other: A): Column<boolean | null, Refs | RefsOf<A>, Binary<Name, "OR", A>> {
    return this.bin("or", other);
  }
  /** Logical NOT. */
  not(): Column<boolean | null, Refs, `(NOT ${Name})`> {
    return new Column(E.not(this.expr));
  }

  /** True where the value is null. */
  isNull(): Column<boolean, Refs, `(${Name} IS NULL)`> {
    return new Column(E.isNull(this.expr, false));
  }
  /** True where the value is not null. */
  isNotNull(): Column<boolean, Refs, `(${Name} IS NOT NULL)`> {
    return new Column(E.isNull(this.expr, true));
  }
  /** SQL `IN`: `col("c").isin("KR", "JP")` (Columns are allowed too). */
  isin<const A extends readonly Operand[]>(...values: A): Column<boolean | null, Refs | RefsOf<A[number]>, string> {
    // PySpark also accepts one array argument: isin(["a", "b"]).
    const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as readonly Operand[]) : values;
    return new Column(E.in(this.expr, list.map(operandExpr)));
  }

  /** Spark's non-ANSI cast: `"int"`, `"bigint"`, `"double"`, `"string"`, `"boolean"`, `"timestamp"`, `"date"` or a DataType. */
  cast<C extends CastTarget>(to: C): Column<CastValue<C> | null, Refs, string> {
    return new Column(E.cast(this.expr, toDataType(to)));
  }

  /** Names the column: `col("a").plus(1).alias("b")`. */
  alias<N extends string>(name: N): Column<T, Refs, N> {
    // Re-aliasing replaces the old name rather than nesting aliases.
    return new Column(E.alias(this.expr.kind === "alias" ? this.expr.input : this.expr, name));
  }
  /** Alias of `alias`. */
  as<N extends string>(name: N): Column<T, Refs, N> {
    return this.alias(name);
  }

  /** Ascending sort key, nulls first (Spark's default). */
  asc(): SortColumn<Refs> {
    return new SortColumn(E.sortOrder(this.expr, true, true));
  }
  /** Descending sort key, nulls last (Spark's default). */
  desc(): SortColumn<Refs> {
    return new SortColumn(E.sortOrder(this.expr, false, false));
  }
  ascNullsFirst(): SortColumn<Refs> {
    return new SortColumn(E.sortOrder(this.expr, true, true));
  }
  ascNullsLast(): SortColumn<Refs> {
    return new SortColumn(E.sortOrder(this.expr, true, false));
  }
  descNullsFirst(): SortColumn<Refs> {
    return new SortColumn(E.sortOrder(this.expr, false, true));
  }
  descNullsLast(): SortColumn<Refs> {
    return new SortColumn(E.sortOrder(this.expr, false, false));
  }

  /** Substring from 1-based `pos` (negative counts from the end) of `len` characters. */
  substr(pos: number | Column<number | null, string, string>, len: number | Column<number | null, string, string>):
  Column<string | null, Refs, string> {
    return new Column(E.call("substring", [this.expr, operandExpr(pos), operandExpr(len)]));
  }

  /** The expression's automatic text, e.g. `Column<(a + 1)>`. */
  toString(): string {
    return `Column<${JSON.stringify(this.expr)}>`;
  }
}

/** Resolves a cast target name to a DataType. */
export function toDataType(to: CastTarget): DataType {
  const direct: readonly string[] = ["int32", "int64", "float64", "utf8", "bool", "timestamp", "date", "null"];
  return direct.includes(to) ? (to as DataType) : parseDdlType(to, "cast");
}
