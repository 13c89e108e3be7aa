// @lgde/executor-workers: the same plans as the local executor, partitioned across worker threads.
export { workers, type WorkersOptions } from "./executor.js";
