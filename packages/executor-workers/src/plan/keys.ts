// Partitioning keys: equi-join keys of a join condition, and key casts so both sides hash alike.
import { commonType, E, exprType, splitConjunction, columnsOf, type DataType, type Expr, type JoinNode, type Schema } from "@lgde/core";

/** Whether every column name of a schema is unique (so a fragment can refer to columns by name). */
export function hasUniqueNames(s: Schema): boolean {
  return new Set(s.fields.map((f) => f.name)).size === s.fields.length;
}

/** Matching key expressions of the two sides of a join, each cast to the type both compare in. */
export interface EquiKeys {
  readonly left: readonly Expr[];
  readonly right: readonly Expr[];
}

function typeIn(e: Expr, s: Schema): DataType | null {
  try {
    return exprType(e, s).type;
  } catch {
    return null;
  }
}

/** Both expressions cast to their common type, or null when they have none (then they are no key). */
function castPair(l: Expr, r: Expr, ls: Schema, rs: Schema): [Expr, Expr] | null {
  const lt = typeIn(l, ls), rt = typeIn(r, rs);
  if (lt === null || rt === null || lt === "null" || rt === "null") return null;
  try {
    const t = commonType(lt, rt, "join key");
    return [E.cast(l, t), E.cast(r, t)];
  } catch {
    return null;
  }
}

/**
 * The equi-join keys of a join: its `using` columns, or the `=`/`<=>` conjuncts of `on` whose sides
 * read only left and only right columns. Rows with equal keys always meet in the same bucket.
 */
export function equiKeys(j: JoinNode): EquiKeys {
  const left: Expr[] = [], right: Expr[] = [];
  const add = (l: Expr, r: Expr) => {
    const pair = castPair(l, r, j.left.schema, j.right.schema);
    if (pair) { left.push(pair[0]); right.push(pair[1]); }
  };
  if (j.using.length > 0) {
    for (const name of j.using) add(E.column(name), E.column(name));
    return { left, right };
  }
  if (j.on === null) return { left, right };
  const leftNames = new Set(j.left.schema.fields.map((f) => f.name));
  const rightNames = new Set(j.right.schema.fields.map((f) => f.name));
  const only = (e: Expr, names: Set<string>, other: Set<string>) => {
    const cols = columnsOf(e);
    return cols.size > 0 && [...cols].every((c) => names.has(c) && !other.has(c));
  };
  for (const c of splitConjunction(j.on)) {
    if (c.kind !== "binary" || (c.op !== "=" && c.op !== "<=>")) continue;
    if (only(c.left, leftNames, rightNames) && only(c.right, rightNames, leftNames)) add(c.left, c.right);
    else if (only(c.right, leftNames, rightNames) && only(c.left, rightNames, leftNames)) add(c.right, c.left);
  }
  return { left, right };
}

/** Every column of `from`, cast to the types of `to` (positional set operations). */
export function allColumnsAs(from: Schema, to: Schema): Expr[] {
  return from.fields.map((f, i) => E.cast(E.column(f.name), to.fields[i]!.type));
}
