// The optimizer's public surface.
export { optimize, optimizeWithTrace, defaultRules } from "./optimizer.js";
export type { OptimizeOptions, OptimizeResult, OptimizerTraceEntry } from "./optimizer.js";
export type { OptimizerRule, OptimizerContext, RuleResult } from "./rule.js";
export { OptimizerError } from "./optimizer-error.js";
export { foldConstants } from "./rules/fold-constants.js";
export { combineFilters } from "./rules/combine-filters.js";
export { pushDownFilter } from "./rules/push-down-filter/index.js";
export { mergeProjections } from "./rules/merge-projections.js";
export { pruneColumns } from "./rules/prune-columns.js";
export { eliminateLimit } from "./rules/eliminate-limit.js";
export { removeRedundantDistinct } from "./rules/remove-redundant-distinct.js";
export { distinctWithoutConstants } from "./rules/distinct-without-constants.js";
