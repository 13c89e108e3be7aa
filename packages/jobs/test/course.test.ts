// The course's two days on file sources built from the course's SQL and access log (fixtures).
import { describe, expect, it } from "vitest";
import { fileSources, runRange } from "../src/index.js";
import { COURSE_ACCESS_LOG, COURSE_TABLES, expectCourseDay, expectFigures, expected } from "./helpers/course.js";
import { tempDir } from "./helpers/shop.js";

describe("the course's days 20201025 and 20201026", () => {
  it("produces the expected figures and dimensions", async () => {
    const warehouse = tempDir();
    const sources = fileSources({ dir: COURSE_TABLES, format: "csv", accessLog: COURSE_ACCESS_LOG });
    const days = await runRange({ warehouse, sources, from: "20201025", to: "20201026", firstDay: true });
    for (const d of days) {
      const want = expected(d.metrics.date);
      expectFigures(d.metrics.kpi as unknown as Record<string, unknown>, want.metrics);
      expect(d.ingest.rows.access).toBe(want.access_rows);
      expect(d.ingest.rows.access_rejects).toBe(0);
      expect(d.metrics.dimensionRows).toBe(want.dimension.length);
      // The sales table holds earlier days' rows too; the day's are exactly the expected count.
      expect(d.ingest.rows.purchase - d.metrics.purchaseRowsOutsideDay).toBe(want.purchase_rows);
      await expectCourseDay(warehouse, d.metrics.date);
    }
  });
});
