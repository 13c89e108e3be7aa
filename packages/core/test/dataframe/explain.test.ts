// explain() with executors that explain synchronously (in-process) or asynchronously (a server),
// and executors that want the plan unoptimized (their own optimizer runs).
import { afterEach, describe, expect, test, vi } from "vitest";
import { Session, type ExecutionContext, type ExplainMode, type LogicalPlan } from "../../src/index.js";
import { FakeExecutor } from "../support/fake-executor.js";

/** An executor that, like Spark Connect, answers explain later, and may want unoptimized plans. */
class RemoteFakeExecutor extends FakeExecutor {
  explained: { plan: LogicalPlan; mode: ExplainMode }[] = [];
  private release: () => void = () => {};
  /** Resolves the pending explainAsync. */
  answer(): void {
    this.release();
  }
  constructor(readonly wantsUnoptimizedPlan = false, private readonly failWith: Error | null = null, private readonly hold = false) {
    super();
  }
  override explain(): string {
    throw new Error("explain must not be called when explainAsync exists");
  }
  async explainAsync(plan: LogicalPlan, _ctx: ExecutionContext, mode: ExplainMode): Promise<string> {
    this.explained.push({ plan, mode });
    if (this.hold) await new Promise<void>((resolve) => { this.release = resolve; });
    if (this.failWith !== null) throw this.failWith;
    return `RemotePlan ${plan.kind} (${mode})`;
  }
}

function frameOn(executor: FakeExecutor) {
  const spark = Session.builder().timeZone("UTC").executor(executor).getOrCreate();
  return spark.createDataFrame([{ k: 1, g: "a" }, { k: 2, g: "b" }], "k int, g string");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("explain with a synchronous executor", () => {
  test("prints at once and returns a resolved promise", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const done = frameOn(new FakeExecutor()).select("k").explain("simple");
    // printed before anything was awaited
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/^== Physical Plan ==\nFakeExec /);
    await expect(done).resolves.toBeUndefined();
  });
  test("an executor that throws shows why the plan is unavailable", async () => {
    const ex = new FakeExecutor();
    ex.explain = () => { throw new Error("no plan for you"); };
    expect(await frameOn(ex).explainString("simple")).toBe("== Physical Plan ==\n(unavailable: no plan for you)\n");
  });
});

describe("explain with an asynchronous executor (explainAsync)", () => {
  test("explainString waits for the executor's text, passing the mode", async () => {
    const ex = new RemoteFakeExecutor();
    const df = frameOn(ex).select("k");
    expect(await df.explainString("simple")).toBe("== Physical Plan ==\nRemotePlan project (simple)\n");
    const text = await df.explainString();
    expect(text).toMatch(/^== Parsed Logical Plan ==\nProject \[k\]\n[\s\S]*\n\n== Optimized Logical Plan ==\n[\s\S]*\n\n== Physical Plan ==\nRemotePlan project \(extended\)\n$/);
    expect(ex.explained.map((e) => e.mode)).toEqual(["simple", "extended"]);
  });
  test("explain prints only when the executor answers", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const ex = new RemoteFakeExecutor(false, null, true);
    const done = frameOn(ex).explain("simple");
    await Promise.resolve();
    expect(log).not.toHaveBeenCalled();
    ex.answer();
    await done;
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toBe("== Physical Plan ==\nRemotePlan values (simple)\n");
  });
  test("a failing server shows why the plan is unavailable, keeping the logical plans", async () => {
    const text = await frameOn(new RemoteFakeExecutor(false, new Error("cannot reach sc://x"))).explainString();
    expect(text).toContain("== Optimized Logical Plan ==");
    expect(text).toContain("== Physical Plan ==\n(unavailable: cannot reach sc://x)\n");
  });
});

describe("executors that want the unoptimized plan", () => {
  // select(k, g).select(k): our optimizer merges the two projections
  const build = (ex: FakeExecutor) => frameOn(ex).select("k", "g").select("k");

  test("by default the executor receives our optimized plan", async () => {
    const ex = new FakeExecutor();
    const df = build(ex);
    expect(await df.collect()).toEqual([{ k: 1 }, { k: 2 }]);
    expect(ex.executed[0]!.kind).toBe("project");
    expect((ex.executed[0] as { input: LogicalPlan }).input.kind).toBe("values");
  });
  test("wantsUnoptimizedPlan: execute and explainAsync receive the plan as built", async () => {
    const ex = new RemoteFakeExecutor(true);
    const df = build(ex);
    expect(await df.collect()).toEqual([{ k: 1 }, { k: 2 }]);
    expect(ex.executed[0]).toBe(df.plan);
    await df.explainString();
    expect(ex.explained[0]!.plan).toBe(df.plan);
  });
});
