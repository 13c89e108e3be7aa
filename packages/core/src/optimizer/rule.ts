// The shape every optimizer rule has: a named, pure plan-to-plan rewrite.
import type { LogicalPlan } from "../plan/plan.js";

/** What the driver hands each rule. */
export interface OptimizerContext {
  /** 1-based pass number of the driver's fixpoint loop. */
  readonly pass: number;
}

/** A rule's answer: the rewritten plan and whether it differs from the input. */
export interface RuleResult {
  readonly plan: LogicalPlan;
  readonly transformed: boolean;
}

/**
 * One optimizer rule, in its own file under `optimizer/rules/`, whose `name` equals the file name.
 * `rewrite` must be pure and must keep the plan's output schema (names and types); the driver
 * checks that after every application and names the rule when it does not.
 */
export interface OptimizerRule {
  readonly name: string;
  rewrite(plan: LogicalPlan, ctx: OptimizerContext): RuleResult;
}
