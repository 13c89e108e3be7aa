// The optimizer driver: runs the ordered rule list to a fixpoint and checks every rule's output.
import { explainLogical } from "../plan/explain.js";
import type { LogicalPlan } from "../plan/plan.js";
import { SPARK_TYPE_NAMES, type Schema } from "../types/data-type.js";
import { OptimizerError } from "./optimizer-error.js";
import type { OptimizerRule } from "./rule.js";
import { combineFilters } from "./rules/combine-filters.js";
import { distinctWithoutConstants } from "./rules/distinct-without-constants.js";
import { eliminateLimit } from "./rules/eliminate-limit.js";
import { foldConstants } from "./rules/fold-constants.js";
import { mergeProjections } from "./rules/merge-projections.js";
import { pruneColumns } from "./rules/prune-columns.js";
import { pushDownFilter } from "./rules/push-down-filter/index.js";
import { removeRedundantDistinct } from "./rules/remove-redundant-distinct.js";

/**
 * The rules, in the order each pass applies them: simplify expressions first, drop work whose
 * result is ignored, then move filters down, then tidy projections, and prune columns last so it
 * sees where filters ended up (and which columns a removed distinct no longer reads); a distinct
 * then drops the constant columns its reader no longer reads.
 */
export const defaultRules: readonly OptimizerRule[] = Object.freeze([
  foldConstants,
  combineFilters,
  removeRedundantDistinct,
  pushDownFilter,
  mergeProjections,
  pruneColumns,
  distinctWithoutConstants,
  eliminateLimit,
]);

/** Options of `optimize` and `optimizeWithTrace`. */
export interface OptimizeOptions {
  /** Names of rules to skip, e.g. `["push-down-filter"]`; an unknown name is an error (typos fail loudly). */
  readonly disabledRules?: readonly string[];
  /** Passes over the rule list before giving up on a fixpoint (default 10). */
  readonly maxPasses?: number;
  /** The rule list (default `defaultRules`). */
  readonly rules?: readonly OptimizerRule[];
}

/** One rule application, for `explain("extended")` and debugging. */
export interface OptimizerTraceEntry {
  readonly rule: string;
  /** 1-based pass number. */
  readonly pass: number;
  readonly millis: number;
  readonly changed: boolean;
  /** The plan after the rule, as `explainLogical` renders it. */
  readonly plan: string;
}

export interface OptimizeResult {
  readonly plan: LogicalPlan;
  readonly trace: readonly OptimizerTraceEntry[];
}

function schemaText(s: Schema): string {
  return `[${s.fields.map((f) => `${f.name}: ${SPARK_TYPE_NAMES[f.type]}`).join(", ")}]`;
}

function sameSchema(a: Schema, b: Schema): boolean {
  return a.fields.length === b.fields.length &&
    a.fields.every((f, i) => f.name === b.fields[i]!.name && f.type === b.fields[i]!.type);
}

function activeRules(options: OptimizeOptions): readonly OptimizerRule[] {
  const rules = options.rules ?? defaultRules;
  const disabled = new Set(options.disabledRules ?? []);
  const known = new Set(rules.map((r) => r.name));
  for (const name of disabled) {
    if (!known.has(name)) {
      throw new OptimizerError(name, `unknown optimizer rule "${name}" in disabledRules; rules: ${[...known].join(", ")}`);
    }
  }
  return rules.filter((r) => !disabled.has(r.name));
}

function run(plan: LogicalPlan, options: OptimizeOptions, trace: OptimizerTraceEntry[] | null): LogicalPlan {
  const rules = activeRules(options);
  const maxPasses = options.maxPasses ?? 10;
  let current = plan;
  let text = trace === null ? "" : explainLogical(plan);
  for (let pass = 1; pass <= maxPasses; pass++) {
    let passChanged = false;
    for (const rule of rules) {
      const started = performance.now();
      let result;
      try {
        result = rule.rewrite(current, { pass });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw new OptimizerError(rule.name, `optimizer rule "${rule.name}" failed in pass ${pass}: ${message}`, { cause: e });
      }
      const millis = performance.now() - started;
      if (!sameSchema(current.schema, result.plan.schema)) {
        throw new OptimizerError(
          rule.name,
          `optimizer rule "${rule.name}" changed the plan's output schema in pass ${pass}: ` +
            `${schemaText(current.schema)} became ${schemaText(result.plan.schema)}`,
        );
      }
      // Trust the plan, not the flag: a rule that says "unchanged" but returns a new tree still counts.
      const changed = result.transformed || result.plan !== current;
      current = result.plan;
      passChanged ||= changed;
      if (trace !== null) {
        if (changed) text = explainLogical(current);
        trace.push({ rule: rule.name, pass, millis, changed, plan: text });
      }
    }
    if (!passChanged) break;
  }
  return current;
}

/**
 * Rewrites a logical plan with the optimizer rules until nothing changes (at most `maxPasses` passes).
 * The result has the same output schema and, by construction of each rule, the same rows.
 * @throws OptimizerError naming the rule that failed or changed the schema.
 */
export function optimize(plan: LogicalPlan, options: OptimizeOptions = {}): LogicalPlan {
  return run(plan, options, null);
}

/** Like `optimize`, also returning one trace entry per rule application with the plan text after it. */
export function optimizeWithTrace(plan: LogicalPlan, options: OptimizeOptions = {}): OptimizeResult {
  const trace: OptimizerTraceEntry[] = [];
  const optimized = run(plan, options, trace);
  return { plan: optimized, trace };
}
