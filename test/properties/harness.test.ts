// The harness can fail: a wrong executor and an out-of-tolerance float are caught.
import { it, expect } from "vitest";
import { E, Filter, Values, field, schema } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { rowsToBatch } from "../reference/rows.js";
import { checkAgainstReference, multisetDiff } from "./harness.js";
it("harness detects a wrong executor", async () => {
  const s = schema([field("a", "int32")]);
  const p = Filter.create(Values.create([rowsToBatch(s, [[1], [2], [null]])], s), E.binary(">", E.column("a"), E.literal(1)));
  await checkAgainstReference(local(), p);
  const wrong = { ...local(), name: "wrong", async *execute() { yield rowsToBatch(s, [[1]]); }, explain: () => "", stop: async () => {} };
  await expect(checkAgainstReference(wrong, p)).rejects.toThrow(/expected but not found|missing/);
  expect(multisetDiff([[1.0000000001]], [[1]])).toBeNull();
  expect(multisetDiff([[1.01]], [[1]])).not.toBeNull();
});
