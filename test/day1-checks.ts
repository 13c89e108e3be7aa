// The Day-1 expectations, shared by every executor's run of the same program (local here, Spark in
// packages/executor-spark-connect/test/server/day1.test.ts).
import { expect, it } from "vitest";
import type { Session } from "@lgde/core";
import { EXPECTED_20201025 } from "./fixtures/lgde-day1.js";
import { day1Program } from "./fixtures/lgde-day1-program.js";

export function day1Checks(spark: Session): void {
  const day = day1Program(spark);

  it("keeps the day's 12 distinct access lines and 6 purchases", async () => {
    expect(await day.access.count()).toBe(EXPECTED_20201025.access_rows);
    expect(await day.purchase.count()).toBe(EXPECTED_20201025.purchase_rows);
  });

  it("computes DAU 5, PU 4, DR 12200000, ARPU 2440000, ARPPU 3050000", async () => {
    expect(await day.headline.collect()).toEqual([{ dau: 5, pu: 4, dr: 12200000, arpu: 2440000, arppu: 3050000 }]);
  });

  it("computes DAAT 2400 from the 5 closed sessions", async () => {
    expect(await day.sessions.count()).toBe(5);
    expect(await day.daat.collect()).toEqual([{ daat: EXPECTED_20201025.metrics.daat }]);
  });

  it("builds the Day-1 user dimension exactly as expected/20201025.json", async () => {
    expect(day.dimension.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ["d_uid", "int32"], ["d_name", "utf8"], ["d_gender", "utf8"], ["d_acount", "int64"], ["d_pamount", "int64"],
      ["d_pcount", "int64"], ["d_first_purchase", "utf8"], ["dt", "utf8"],
    ]);
    expect(await day.dimension.collect()).toEqual(EXPECTED_20201025.dimension);
    expect(await day.accumulated.collect()).toEqual([{ users: EXPECTED_20201025.metrics.users, ar: EXPECTED_20201025.metrics.ar }]);
  });
}
