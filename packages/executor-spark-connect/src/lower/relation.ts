// Lowers our logical plan to a Spark Connect Relation, node by node.
import type { JoinType, LogicalPlan, PlanKind, PlanOfKind } from "@lgde/core";
import type { JoinTypeName, RelationMsg } from "./messages.js";
import { SparkLoweringError } from "./errors.js";
import { lowerExpr, lowerNamed, lowerSortOrder } from "./expr.js";
import { lowerValues } from "./local-relation.js";
import { lowerScan } from "./scan.js";

const JOIN_TYPE: Readonly<Record<JoinType, JoinTypeName>> = Object.freeze({
  inner: "JOIN_TYPE_INNER", left: "JOIN_TYPE_LEFT_OUTER", right: "JOIN_TYPE_RIGHT_OUTER",
  full: "JOIN_TYPE_FULL_OUTER", semi: "JOIN_TYPE_LEFT_SEMI", anti: "JOIN_TYPE_LEFT_ANTI", cross: "JOIN_TYPE_CROSS",
});

const INT32_MAX = 2 ** 31 - 1;

type Lowering = { readonly [K in PlanKind]: (node: PlanOfKind<K>) => RelationMsg };

const LOWER: Lowering = {
  scan: lowerScan,
  values: lowerValues,
  project: (n) => ({
    project: { input: lowerPlan(n.input), expressions: n.exprs.map((e, i) => lowerNamed(e, n.schema.fields[i]!.name)) },
  }),
  filter: (n) => ({ filter: { input: lowerPlan(n.input), condition: lowerExpr(n.predicate) } }),
  aggregate: (n) => {
    const groups = n.groupBy.length;
    return {
      aggregate: {
        input: lowerPlan(n.input),
        groupType: "GROUP_TYPE_GROUPBY",
        groupingExpressions: n.groupBy.map((e, i) => lowerNamed(e, n.schema.fields[i]!.name)),
        aggregateExpressions: n.aggregates.map((e, i) => lowerNamed(e, n.schema.fields[groups + i]!.name)),
      },
    };
  },
  join: (n) => ({
    join: {
      left: lowerPlan(n.left),
      right: lowerPlan(n.right),
      joinType: JOIN_TYPE[n.how],
      ...(n.on === null ? {} : { joinCondition: lowerExpr(n.on) }),
      usingColumns: [...n.using],
    },
  }),
  distinct: (n) => ({
    deduplicate: n.columns === null
      ? { input: lowerPlan(n.input), columnNames: [], allColumnsAsKeys: true }
      : { input: lowerPlan(n.input), columnNames: [...n.columns] },
  }),
  union: (n) => {
    // n-ary UNION ALL by position as a left-deep chain of binary set operations.
    const [first, ...rest] = n.inputs.map(lowerPlan);
    if (first === undefined) throw new SparkLoweringError("union", "it has no inputs");
    return rest.reduce<RelationMsg>(
      (left, right) => ({ setOp: { leftInput: left, rightInput: right, setOpType: "SET_OP_TYPE_UNION", isAll: true, byName: false } }),
      first,
    );
  },
  except: (n) => ({
    setOp: { leftInput: lowerPlan(n.left), rightInput: lowerPlan(n.right), setOpType: "SET_OP_TYPE_EXCEPT", isAll: false, byName: false },
  }),
  sort: (n) => ({ sort: { input: lowerPlan(n.input), order: n.orders.map(lowerSortOrder), isGlobal: true } }),
  limit: (n) => {
    if (!Number.isInteger(n.n) || n.n < 0 || n.n > INT32_MAX) {
      throw new SparkLoweringError(`limit ${n.n}`, "Spark's limit is a non-negative 32-bit integer");
    }
    return { limit: { input: lowerPlan(n.input), limit: n.n } };
  },
};

/**
 * Our logical plan as a Spark Connect Relation. Throws SparkLoweringError (an AnalysisError)
 * naming the node that has no lowering.
 */
export function lowerPlan(plan: LogicalPlan): RelationMsg {
  return (LOWER[plan.kind] as (node: LogicalPlan) => RelationMsg)(plan);
}
