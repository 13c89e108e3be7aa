import { describe, expect, it } from "vitest";
import { Limit } from "../../../src/plan/nodes/index.js";
import { eliminateLimit } from "../../../src/optimizer/rules/eliminate-limit.js";
import { applied, lines, scan, values } from "../fixtures.js";

describe("eliminate-limit", () => {
  it("keeps the smaller of nested limits", () => {
    const t = scan("/t", "a int32");
    expect(applied(eliminateLimit, Limit.create(Limit.create(t, 10), 5)).text).toBe(lines("Limit 5", "+- Scan parquet /t [a]"));
    expect(applied(eliminateLimit, Limit.create(Limit.create(t, 2), 5)).text).toBe(lines("Limit 2", "+- Scan parquet /t [a]"));
  });

  it("drops a limit over fewer in-memory rows, and keeps one over more", () => {
    expect(applied(eliminateLimit, Limit.create(values("a int32", 3), 3)).text).toBe("LocalRelation [a], 3 rows");
    expect(applied(eliminateLimit, Limit.create(values("a int32", 3), 2)).transformed).toBe(false);
  });
});
