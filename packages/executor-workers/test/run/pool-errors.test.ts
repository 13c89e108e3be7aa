// A result that arrives for a task its query already cancelled must not crash the process.
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handlePoolErrors } from "../../src/pool.js";

describe("handlePoolErrors", () => {
  afterEach(() => vi.restoreAllMocks());

  it("drops piscina's late result of a cancelled task and turns any other pool error into a warning", () => {
    const pool = new EventEmitter();
    // Without a listener, emitting 'error' throws (from piscina's message handler: an uncaught exception).
    expect(() => pool.emit("error", new Error("Unexpected message from Worker: {}"))).toThrow();
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    handlePoolErrors(pool);
    expect(() => pool.emit("error", new Error("Unexpected message from Worker: { taskId: 108 }"))).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
    pool.emit("error", new Error("something else"));
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
