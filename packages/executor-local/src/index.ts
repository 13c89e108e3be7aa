// @lgde/executor-local: the single-threaded vectorized executor, and the physical planner,
// operators and kernels that other executors (workers) reuse.
export { local, type LocalExecutorOptions } from "./executor.js";
export { planPhysical, withPlanningHook, type PlanningHook } from "./physical-planner.js";
export { planPhysicalWithReuse } from "./physical-reuse.js";
export { executePhysical, executeChunks, OPERATORS, type ExecuteOptions } from "./execute.js";
export { explainPhysical, describePhysical } from "./explain.js";
export { physicalChildren, type PhysicalPlan, type PhysicalKind } from "./physical-plan.js";
export type { RuntimeContext } from "./runtime.js";
export type { ScanExec } from "./operators/scan.js";
export type { ValuesExec } from "./operators/values.js";
export type { ProjectExec } from "./operators/project.js";
export type { FilterExec } from "./operators/filter.js";
export type { HashAggregateExec, AggregateCallExec } from "./operators/hash-aggregate.js";
export type { HashJoinExec, JoinOutputColumn } from "./operators/hash-join.js";
export type { DistinctExec } from "./operators/distinct.js";
export type { UnionExec } from "./operators/union.js";
export type { ExceptExec } from "./operators/except.js";
export type { SortExec } from "./operators/sort.js";
export type { LimitExec } from "./operators/limit.js";
export type { SharedExec, SharedState } from "./operators/shared.js";
// Expressions
export { compileExpr, castTo, type CompileScope } from "./eval/compile.js";
export { evaluate, evaluatePredicate, constant } from "./eval/evaluate.js";
export { castVec } from "./eval/cast.js";
export { evalContext, type EvalContext } from "./eval/context.js";
export { SCALAR_FUNCTIONS, type Kernel, type CallArgs } from "./eval/functions/index.js";
export type { PExpr, PExprKind } from "./eval/pexpr.js";
export { zoneOf, type Zone } from "@lgde/core";
// Aggregates
export { AGGREGATE_FUNCTIONS, createAccumulator } from "./aggregates/index.js";
export type { AccumulatorState, AggregateFunction, AggregateSpec, GroupAccumulator } from "./aggregates/index.js";
// Kernels
export type { Vec, Chunk } from "./kernels/vector.js";
export { chunkFromBatch, chunkToBatch, vecFromArrow, vecToArrow, vecFromValues } from "./kernels/arrow.js";
export { takeVec, takeChunk, filterChunk, sliceChunk, concatChunks, concatVecs, maskToIndices } from "./kernels/select.js";
export { GroupTable } from "./kernels/hash.js";
export { sortIndices, rowComparator, type SortKey } from "./kernels/compare.js";
export { ColumnBuilder } from "./kernels/builder.js";
