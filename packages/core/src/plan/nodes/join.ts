// Join: every Spark join type, on using-columns and/or a boolean condition.
import { AnalysisError } from "../../errors.js";
import type { Expr } from "../../expr/expr.js";
import { containsAggregate, exprName, exprType, resolveColumn } from "../../expr/resolve.js";
import { commonType } from "../../expr/resolve.js";
import { field, schema as makeSchema, type Field, type Schema } from "../../types/data-type.js";
import type { JoinNode, JoinType, LogicalPlan } from "../plan.js";

const JOIN_TYPES: readonly JoinType[] = ["inner", "left", "right", "full", "semi", "anti", "cross"];

/** The output schema of a join (see JoinNode). */
export function joinSchema(left: Schema, right: Schema, how: JoinType, using: readonly string[]): Schema {
  const nullableLeft = how === "right" || how === "full";
  const nullableRight = how === "left" || how === "full";
  const withNull = (f: Field, n: boolean) => (n && !f.nullable ? field(f.name, f.type, true) : f);
  const usingSet = new Set(using);
  const keys = using.map((name) => {
    const lf = left.fields[resolveColumn(left, name)]!;
    const rf = right.fields[resolveColumn(right, name)]!;
    const type = commonType(lf.type, rf.type, `join key ${name}`);
    // Spark: inner/left keep left's key, right keeps right's, full coalesces both.
    // A full join's key is coalesce(left, right): null when the side that is present has a null key.
    const nullable = how === "full" ? lf.nullable || rf.nullable : how === "right" ? rf.nullable : lf.nullable;
    return field(name, type, nullable);
  });
  const leftRest = left.fields.filter((f) => !usingSet.has(f.name)).map((f) => withNull(f, nullableLeft));
  if (how === "semi" || how === "anti") return makeSchema([...keys, ...leftRest]);
  const rightRest = right.fields.filter((f) => !usingSet.has(f.name)).map((f) => withNull(f, nullableRight));
  return makeSchema([...keys, ...leftRest, ...rightRest]);
}

export const Join = Object.freeze({
  types: JOIN_TYPES,
  create(left: LogicalPlan, right: LogicalPlan, how: JoinType, on: Expr | null, using: readonly string[] = []): JoinNode {
    if (!JOIN_TYPES.includes(how)) {
      throw new AnalysisError(`unknown join type "${String(how)}"; expected one of ${JOIN_TYPES.join(", ")}`);
    }
    if (how === "cross" && (on !== null || using.length > 0)) {
      throw new AnalysisError("a cross join takes no condition; use an inner join with a condition instead");
    }
    const out = joinSchema(left.schema, right.schema, how, using);
    if (on !== null) {
      // The condition sees every column of both sides (semi/anti too).
      const combined = makeSchema([...left.schema.fields, ...right.schema.fields]);
      if (containsAggregate(on)) throw new AnalysisError(`aggregate in join condition ${exprName(on)}`);
      const t = exprType(on, using.length > 0 ? joinSchema(left.schema, right.schema, "inner", using) : combined);
      if (t.type !== "bool" && t.type !== "null") {
        throw new AnalysisError(`join condition ${exprName(on)} must be boolean, got ${t.type}`);
      }
    }
    return Object.freeze({ kind: "join", left, right, how, on, using: Object.freeze([...using]), schema: out });
  },
  is(plan: LogicalPlan): plan is JoinNode {
    return plan.kind === "join";
  },
});
