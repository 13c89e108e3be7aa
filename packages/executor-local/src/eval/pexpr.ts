// Physical expressions: logical expressions with columns resolved to indices, every node typed,
// and implicit casts made explicit, so that kernels only ever see operands of one type.
import type { BinaryOp, DataType, LiteralValue, ScalarFunctionName } from "@lgde/core";

export interface PColumn { readonly kind: "column"; readonly index: number; readonly name: string; readonly type: DataType }
export interface PLiteral { readonly kind: "literal"; readonly value: LiteralValue; readonly type: DataType }
/** Operands have the same type (except for and/or, which are bool). */
export interface PBinary { readonly kind: "binary"; readonly op: BinaryOp; readonly left: PExpr; readonly right: PExpr; readonly type: DataType }
export interface PNot { readonly kind: "not"; readonly input: PExpr; readonly type: "bool" }
export interface PNegate { readonly kind: "negate"; readonly input: PExpr; readonly type: DataType }
export interface PIsNull { readonly kind: "is_null"; readonly input: PExpr; readonly negated: boolean; readonly type: "bool" }
export interface PCast { readonly kind: "cast"; readonly input: PExpr; readonly type: DataType }
export interface PCase { readonly kind: "case"; readonly branches: readonly { readonly when: PExpr; readonly then: PExpr }[]; readonly otherwise: PExpr | null; readonly type: DataType }
/** Input and list items share one type. */
export interface PIn { readonly kind: "in"; readonly input: PExpr; readonly list: readonly PExpr[]; readonly type: "bool" }
export interface PCall { readonly kind: "call"; readonly fn: ScalarFunctionName; readonly args: readonly PExpr[]; readonly type: DataType }

/** A physical expression. Aliases are gone and aggregates have become column references. */
export type PExpr = PColumn | PLiteral | PBinary | PNot | PNegate | PIsNull | PCast | PCase | PIn | PCall;
export type PExprKind = PExpr["kind"];

/** Column indices an expression reads. */
export function pexprColumns(e: PExpr, into: Set<number> = new Set()): Set<number> {
  switch (e.kind) {
    case "column": into.add(e.index); break;
    case "literal": break;
    case "binary": pexprColumns(e.left, into); pexprColumns(e.right, into); break;
    case "not": case "negate": case "is_null": case "cast": pexprColumns(e.input, into); break;
    case "case": for (const b of e.branches) { pexprColumns(b.when, into); pexprColumns(b.then, into); } if (e.otherwise) pexprColumns(e.otherwise, into); break;
    case "in": pexprColumns(e.input, into); for (const x of e.list) pexprColumns(x, into); break;
    case "call": for (const x of e.args) pexprColumns(x, into); break;
  }
  return into;
}

/** The same expression with column indices mapped through `fn`. */
export function remapColumns(e: PExpr, fn: (index: number) => number): PExpr {
  const r = (x: PExpr): PExpr => remapColumns(x, fn);
  switch (e.kind) {
    case "column": return { ...e, index: fn(e.index) };
    case "literal": return e;
    case "binary": return { ...e, left: r(e.left), right: r(e.right) };
    case "not": return { ...e, input: r(e.input) };
    case "negate": return { ...e, input: r(e.input) };
    case "is_null": return { ...e, input: r(e.input) };
    case "cast": return { ...e, input: r(e.input) };
    case "case": return { ...e, branches: e.branches.map((b) => ({ when: r(b.when), then: r(b.then) })), otherwise: e.otherwise ? r(e.otherwise) : null };
    case "in": return { ...e, input: r(e.input), list: e.list.map(r) };
    case "call": return { ...e, args: e.args.map(r) };
  }
}

/** Text of a physical expression for explain: columns print as `name#index`. */
export function pexprText(e: PExpr): string {
  switch (e.kind) {
    case "column": return `${e.name}#${e.index}`;
    case "literal": return e.value === null ? "null" : typeof e.value === "string" && e.type === "utf8" ? JSON.stringify(e.value) : String(e.value);
    case "binary": return `(${pexprText(e.left)} ${e.op} ${pexprText(e.right)})`;
    case "not": return `NOT ${pexprText(e.input)}`;
    case "negate": return `-${pexprText(e.input)}`;
    case "is_null": return `${pexprText(e.input)} IS ${e.negated ? "NOT " : ""}NULL`;
    case "cast": return `CAST(${pexprText(e.input)} AS ${e.type})`;
    case "case": return `CASE ${e.branches.map((b) => `WHEN ${pexprText(b.when)} THEN ${pexprText(b.then)}`).join(" ")}${e.otherwise ? ` ELSE ${pexprText(e.otherwise)}` : ""} END`;
    case "in": return `${pexprText(e.input)} IN (${e.list.map(pexprText).join(", ")})`;
    case "call": return `${e.fn}(${e.args.map(pexprText).join(", ")})`;
  }
}
