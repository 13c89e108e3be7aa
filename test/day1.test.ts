// The course's Day 1 on the local executor (the program is test/fixtures/lgde-day1-program.ts).
import { afterAll, describe } from "vitest";
import { Session } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { day1Checks } from "./day1-checks.js";

const spark = Session.builder().appName("lgde-day1").timeZone("Asia/Seoul").executor(local()).getOrCreate();
afterAll(() => spark.stop());

describe("Day 1 (2020-10-25, Asia/Seoul) on local()", () => day1Checks(spark));
