// Building the SELECT statements the source sends: quoting, the relation, pushed filters and split ranges.
import type { Expr, Literal } from "@lgde/core";
import type { MysqlKind } from "./types.js";
import { daysToDate } from "./time.js";

/** A statement with `?` placeholders and their values (mysql2 escapes them). */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** Quotes an identifier with backticks (doubling any backtick inside). */
export function quoteIdent(name: string): string {
  return "`" + name.replace(/`/g, "``") + "`";
}

/** Quotes `table` or `db.table` (a name with one dot is taken as database.table). */
export function quoteTable(name: string): string {
  const parts = name.split(".");
  if (parts.length === 2 && parts[0] !== "" && parts[1] !== "") return `${quoteIdent(parts[0]!)}.${quoteIdent(parts[1]!)}`;
  return quoteIdent(name);
}

/** The FROM clause for a table, or a user query wrapped as a derived table. */
export function relationSql(rel: { readonly table: string } | { readonly query: string }): string {
  return "table" in rel ? quoteTable(rel.table) : `(${rel.query.trim().replace(/;+\s*$/, "")}) AS \`lgde_query\``;
}

/** Column name → MySQL kind, for deciding which filters can be pushed exactly or as a superset. */
export type ColumnKinds = ReadonlyMap<string, MysqlKind>;

const FLIP: Readonly<Record<"=" | "!=" | "<" | "<=" | ">" | ">=" | "<=>", string>> = {
  "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=", "<=>": "<=>",
};

/** The SQL value of a literal for a column of `kind`, or undefined if it cannot be compared faithfully. */
function literalParam(lit: Literal, kind: MysqlKind): { sql: string; param?: string | number } | undefined {
  if (lit.value === null) return undefined;
  switch (kind) {
    case "int": case "int-unsigned": case "bigint": case "bigint-unsigned": case "year": case "double":
      if (typeof lit.value === "number" && Number.isFinite(lit.value)) return { sql: "?", param: lit.value };
      // int64 literals beyond 2^53 arrive as decimal strings: inline them so MySQL compares exactly, not as doubles.
      if (typeof lit.value === "string" && (lit.type === "int64" || lit.type === "int32") && /^-?\d{1,20}$/.test(lit.value)) return { sql: lit.value };
      return undefined;
    case "date":
      if (lit.type === "date" && typeof lit.value === "number" && Number.isInteger(lit.value)) return { sql: "?", param: daysToDate(lit.value) };
      return undefined;
    case "string":
      if (typeof lit.value === "string" && lit.type === "utf8") return { sql: "?", param: lit.value };
      return undefined;
    // FLOAT compares in single precision on the server; DECIMAL compares exactly while we read it as a double; bool columns hold any tinyint; zoned and textual
    // kinds compare differently in MySQL. The executor filters these itself.
    case "float": case "decimal": case "bool": case "bit": case "datetime": case "timestamp": case "time": case "json": case "null":
      return undefined;
  }
}

/**
 * Translates one pushed filter into a WHERE condition that selects every row the filter keeps
 * (exactly, or a superset: string equality in MySQL ignores case and trailing spaces under most
 * collations, which only lets more rows through; the executor re-applies every filter).
 * Returns null for what cannot be pushed safely.
 */
export function filterToSql(e: Expr, kinds: ColumnKinds): SqlFragment | null {
  switch (e.kind) {
    case "binary": {
      if (e.op === "and") {
        const l = filterToSql(e.left, kinds);
        const r = filterToSql(e.right, kinds);
        // A weaker condition is still a superset: push whichever side translates.
        if (l !== null && r !== null) return { sql: `(${l.sql} AND ${r.sql})`, params: [...l.params, ...r.params] };
        return l ?? r;
      }
      if (e.op === "or") {
        const l = filterToSql(e.left, kinds);
        const r = filterToSql(e.right, kinds);
        if (l === null || r === null) return null;
        return { sql: `(${l.sql} OR ${r.sql})`, params: [...l.params, ...r.params] };
      }
      if (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "/" || e.op === "%") return null;
      let op: string = e.op;
      let col: Expr = e.left;
      let lit: Expr = e.right;
      if (col.kind === "literal" && lit.kind === "column") {
        [col, lit] = [lit, col];
        op = FLIP[e.op];
      }
      if (col.kind !== "column" || lit.kind !== "literal") return null;
      const kind = kinds.get(col.name);
      if (kind === undefined) return null;
      // Case-insensitive, pad-space collations make string inequality and ordering differ from Spark's
      // binary comparison (they could drop rows), so strings push only equality.
      if (kind === "string" && op !== "=" && op !== "<=>") return null;
      const v = literalParam(lit, kind);
      if (v === undefined) return null;
      return { sql: `${quoteIdent(col.name)} ${op} ${v.sql}`, params: v.param === undefined ? [] : [v.param] };
    }
    case "is_null": {
      if (e.input.kind !== "column" || !kinds.has(e.input.name)) return null;
      return { sql: `${quoteIdent(e.input.name)} IS ${e.negated ? "NOT " : ""}NULL`, params: [] };
    }
    case "in": {
      if (e.input.kind !== "column") return null;
      const kind = kinds.get(e.input.name);
      if (kind === undefined || e.list.length === 0) return null;
      const sqls: string[] = [];
      const params: (string | number)[] = [];
      for (const item of e.list) {
        // A null in the list never makes IN true, in Spark or in MySQL: leave it out.
        if (item.kind === "literal" && item.value === null) continue;
        if (item.kind !== "literal") return null;
        const v = literalParam(item, kind);
        if (v === undefined) return null;
        sqls.push(v.sql);
        if (v.param !== undefined) params.push(v.param);
      }
      if (sqls.length === 0) return null;
      return { sql: `${quoteIdent(e.input.name)} IN (${sqls.join(", ")})`, params };
    }
    case "column": case "literal": case "not": case "negate": case "cast": case "case":
    case "call": case "alias": case "aggregate":
      return null;
  }
}

/** One partition's range of the split column: `lower <= col < upper`, open at the ends when null; `nulls` adds `col IS NULL`. */
export interface SplitRange {
  /** Inclusive lower bound as exact decimal text, or null for unbounded. */
  readonly lower: string | null;
  /** Exclusive upper bound as exact decimal text, or null for unbounded. */
  readonly upper: string | null;
  readonly nulls: boolean;
}

/** The WHERE condition of a split range (bounds are numeric text we produced, inlined so bigints compare exactly). */
export function splitRangeSql(column: string, r: SplitRange): string | null {
  const c = quoteIdent(column);
  for (const b of [r.lower, r.upper]) {
    if (b !== null && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(b)) throw new Error(`invalid split bound "${b}" for column ${column}`);
  }
  const parts: string[] = [];
  if (r.lower !== null) parts.push(`${c} >= ${r.lower}`);
  if (r.upper !== null) parts.push(`${c} < ${r.upper}`);
  const range = parts.length === 0 ? null : parts.join(" AND ");
  if (r.nulls) return range === null ? null : `(${range} OR ${c} IS NULL)`;
  return range ?? `${c} IS NOT NULL`;
}

/** The translatable filters as WHERE conditions (to be joined with AND) and their parameters. */
export function pushedConditions(filters: readonly Expr[], kinds: ColumnKinds): { conditions: string[]; params: (string | number)[] } {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  for (const f of filters) {
    const t = filterToSql(f, kinds);
    if (t === null) continue;
    conditions.push(t.sql);
    params.push(...t.params);
  }
  return { conditions, params };
}

/** Everything needed to build a partition's SELECT. */
export interface SelectSpec {
  readonly relation: { readonly table: string } | { readonly query: string };
  /** Columns to select, in source order; empty selects no column (only the row count matters). */
  readonly columns: readonly string[];
  readonly filters: readonly Expr[];
  readonly kinds: ColumnKinds;
  readonly split: { readonly column: string; readonly range: SplitRange } | null;
}

/**
 * Builds the SELECT for one partition: the projected columns, the pushed filters that translate,
 * and the split range. Exposed for tests and `explain`.
 *
 * @example buildSelectSql({ relation: { table: "t" }, columns: ["a"], filters: [gt(a, 1)], kinds, split: null })
 *   // { sql: "SELECT `a` FROM `t` WHERE `a` > ?", params: [1] }
 */
export function buildSelectSql(spec: SelectSpec): SqlFragment {
  const cols = spec.columns.length === 0 ? "1" : spec.columns.map(quoteIdent).join(", ");
  const { conditions: where, params } = pushedConditions(spec.filters, spec.kinds);
  if (spec.split !== null) {
    const s = splitRangeSql(spec.split.column, spec.split.range);
    if (s !== null) where.push(s);
  }
  const sql = `SELECT ${cols} FROM ${relationSql(spec.relation)}${where.length === 0 ? "" : ` WHERE ${where.join(" AND ")}`}`;
  return { sql, params };
}
