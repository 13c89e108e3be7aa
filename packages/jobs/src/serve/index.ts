// `lgde serve`: the metrics dashboard and JSON API.
export { startServer, type ServeOptions, type RunningServer } from "./server.js";
export { SERVE_HELP } from "./help.js";
export type { MetricRow, Figure } from "./metric-row.js";
export { FIGURES } from "./metric-row.js";
export type { DimensionPage } from "./dimension.js";
