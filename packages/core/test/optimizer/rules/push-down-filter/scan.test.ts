import { describe, expect, it } from "vitest";
import { Filter, Project } from "../../../../src/plan/nodes/index.js";
import { pushDownFilter } from "../../../../src/optimizer/rules/push-down-filter/index.js";
import { and, applied, col, eq, gt, lines, lit, scan } from "../../fixtures.js";

const t = scan("/t", "a int32, b utf8?");

describe("push-down-filter into scans", () => {
  it("copies conjuncts into the scan and keeps the Filter (pushed filters are hints)", () => {
    const plan = Filter.create(t, and(gt(col("a"), lit(1)), eq(col("b"), lit("x"))));
    const once = applied(pushDownFilter, plan);
    expect(once.text).toBe(lines(
      "Filter ((a > 1) AND (b = x))",
      "+- Scan parquet /t [a, b] PushedFilters: [(a > 1), (b = x)]",
    ));
    const twice = applied(pushDownFilter, once.plan);
    expect(twice.transformed).toBe(false);
  });

  it("reaches the scan through a projection", () => {
    const plan = Filter.create(Project.create(t, [col("a")]), gt(col("a"), lit(1)));
    expect(applied(pushDownFilter, plan).text).toBe(lines(
      "Project [a]",
      "+- Filter (a > 1)",
      "   +- Scan parquet /t [a, b] PushedFilters: [(a > 1)]",
    ));
  });
});
