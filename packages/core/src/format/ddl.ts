// Spark DDL schema strings ("k int, g string not null") <-> Schema, at run time and at the type level.
import { field, schema, type DataType, type JsTypeOf, type Schema } from "../types/data-type.js";

/** Spark SQL type names (lower case) accepted in DDL strings and `cast(...)`, and their logical types. */
export const DDL_TYPE_NAMES = Object.freeze({
  tinyint: "int32", byte: "int32", smallint: "int32", short: "int32", int: "int32", integer: "int32",
  bigint: "int64", long: "int64",
  double: "float64", float: "float64", real: "float64",
  string: "utf8", varchar: "utf8", char: "utf8", text: "utf8",
  boolean: "bool", bool: "bool",
  timestamp: "timestamp", timestamp_ltz: "timestamp",
  date: "date",
  void: "null",
} as const satisfies Record<string, DataType>);

/** A Spark type name that DDL strings and `Column.cast` accept. */
export type DdlTypeName = keyof typeof DDL_TYPE_NAMES;

/** Spark's DDL name of each logical type (used when a schema is passed on as a DDL string). */
const DDL_NAME_OF: Readonly<Record<DataType, string>> = Object.freeze({
  int32: "int", int64: "bigint", float64: "double", utf8: "string",
  bool: "boolean", timestamp: "timestamp", date: "date", null: "void",
});

/**
 * Parses a Spark type name (`int`, `BIGINT`, `varchar(20)`, `long`, ...) to a logical type.
 * @throws TypeError naming the type and listing the accepted names.
 */
export function parseDdlType(text: string, what = "type"): DataType {
  const name = text.trim().toLowerCase().replace(/\s*\(\s*\d+\s*\)$/, "");
  const t = (DDL_TYPE_NAMES as Readonly<Record<string, DataType>>)[name];
  if (t === undefined) {
    throw new TypeError(`${what}: unsupported type "${text.trim()}"; supported: ${Object.keys(DDL_TYPE_NAMES).join(", ")}`);
  }
  return t;
}

/** Splits on commas that are not inside backticks or parentheses. */
function splitTopLevel(ddl: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < ddl.length; i++) {
    const c = ddl[i];
    if (c === "`") quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")") depth--;
    else if (!quoted && depth === 0 && c === ",") {
      parts.push(ddl.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(ddl.slice(start));
  return parts;
}

/**
 * Parses a DDL schema string like `"k int, g string, v bigint not null, t timestamp"`.
 * Names may be back-quoted (`` `my col` int ``); `NOT NULL` makes a field non-nullable; a trailing
 * `COMMENT '...'` is ignored. Errors name the offending entry.
 */
export function parseDdl(ddl: string): Schema {
  if (ddl.trim() === "") return schema([]);
  const seen = new Set<string>();
  return schema(splitTopLevel(ddl).map((rawPart, i) => {
    const part = rawPart.trim().replace(/\s+comment\s+'(?:[^'\\]|\\.)*'\s*$/i, "");
    let name: string;
    let rest: string;
    const quoted = /^`((?:[^`]|``)+)`\s*:?\s*(.*)$/s.exec(part);
    if (quoted) {
      name = quoted[1]!.replace(/``/g, "`");
      rest = quoted[2]!;
    } else {
      const m = /^([^\s:]+)\s*:?\s*(.*)$/s.exec(part);
      if (!m) throw new TypeError(`DDL schema "${ddl}": entry ${i + 1} is empty`);
      name = m[1]!;
      rest = m[2]!;
    }
    if (rest.trim() === "") throw new TypeError(`DDL schema "${ddl}": column "${name}" has no type`);
    let nullable = true;
    const notNull = /\s+not\s+null\s*$/i.exec(rest);
    if (notNull) {
      nullable = false;
      rest = rest.slice(0, notNull.index);
    }
    if (seen.has(name)) throw new TypeError(`DDL schema "${ddl}": column "${name}" appears twice`);
    seen.add(name);
    return field(name, parseDdlType(rest, `DDL schema "${ddl}", column "${name}"`), nullable);
  }));
}

/** Renders a schema as a DDL string that `parseDdl` reads back (`k int, g string not null`). */
export function schemaToDdl(s: Schema): string {
  return s.fields
    .map((f) => {
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name) ? f.name : `\`${f.name.replace(/`/g, "``")}\``;
      return `${name} ${DDL_NAME_OF[f.type]}${f.nullable ? "" : " not null"}`;
    })
    .join(", ");
}

// ---- the same grammar at the type level, so `createDataFrame(rows, "k int")` is typed ----

type Whitespace = " " | "\n" | "\t" | "\r";
type TrimLeft<S extends string> = S extends `${Whitespace}${infer R}` ? TrimLeft<R> : S;
type TrimRight<S extends string> = S extends `${infer R}${Whitespace}` ? TrimRight<R> : S;
type Trim<S extends string> = TrimLeft<TrimRight<S>>;
type Split<S extends string> = S extends `${infer Head},${infer Tail}` ? [Trim<Head>, ...Split<Tail>] : [Trim<S>];
type StripLength<T extends string> = T extends `${infer N}(${string}` ? Trim<N> : T;
type StripNotNull<T extends string> = Lowercase<T> extends `${infer R} not null` ? [Trim<R>, false] : [T, true];

/** The JavaScript type of a DDL type name, or `unknown` for a name the type level does not know. */
export type DdlValueType<T extends string> =
  StripLength<Lowercase<Trim<T>>> extends infer N extends string
    ? N extends keyof typeof DDL_TYPE_NAMES ? JsTypeOf[(typeof DDL_TYPE_NAMES)[N]] : unknown
    : unknown;

type Entry<E extends string> =
  E extends `\`${infer Name}\`${infer Rest}` ? [Name, Trim<Rest>]
  : E extends `${infer Name} ${infer Rest}` ? [Name, Trim<Rest>]
  : [E, ""];

type EntryField<E extends string> =
  Entry<E> extends [infer Name extends string, infer Rest extends string]
    ? StripNotNull<Rest> extends [infer Type extends string, infer Nullable]
      ? { [P in Name]: Nullable extends true ? DdlValueType<Type> | null : DdlValueType<Type> }
      : never
    : never;

type FieldsOf<Parts extends readonly string[]> = Parts extends [infer H extends string, ...infer R extends string[]]
  ? EntryField<H> & FieldsOf<R>
  : unknown;

/**
 * The row type that a DDL string describes: `DdlRow<"k int, g string not null">` is
 * `{ k: number | null; g: string }`. A non-literal `string` gives `Record<string, unknown>`.
 */
export type DdlRow<S extends string> = string extends S
  ? Record<string, unknown>
  : FieldsOf<Split<S>> extends infer R ? { [K in keyof R]: R[K] } : never;
