// @lgde/jobs: the LGDE.com daily jobs as functions (the CLI `lgde` is a thin layer over them).
export * from "./config.js";
export * from "./dates.js";
export { paths } from "./paths.js";
export * from "./schemas.js";
export type { ShopSources } from "./sources/shop-sources.js";
export { mysqlSources, maskUrl, type MysqlSourcesOptions } from "./sources/mysql-sources.js";
export { fileSources, tablePath, type FileSourcesOptions, type SourceFileFormat } from "./sources/file-sources.js";
export { defaultSources } from "./sources/default-sources.js";
export { ingest, shapeUsers, shapePurchases, type IngestOptions, type IngestSummary } from "./ingest/ingest.js";
export { REJECT_REASONS, classifyLines, accessRows, accessRejects, readAccessLog } from "./ingest/access-log.js";
export { metrics, type MetricsOptions, type MetricsSummary } from "./metrics/metrics.js";
export { KPI_COLUMNS, kpiFrame, type Kpi } from "./metrics/kpi.js";
export { buildDimension } from "./metrics/dimension.js";
export { sessionDurations } from "./metrics/sessions.js";
export { readDayInputs, type DayInputs } from "./metrics/inputs.js";
export { runRange, type RunRangeOptions, type DaySummary } from "./run.js";
export { generateShop, type GenerateShopOptions, type GeneratedShop } from "./demo/generate.js";
export { demo, type DemoOptions, type DemoResult } from "./demo/demo.js";
