// A tiny Executor for core's tests: Values, Limit, Project of columns, and a global count(*).
import * as arrow from "apache-arrow";
import type { ExecutionContext, Executor, LogicalPlan } from "../../src/index.js";
import { batchOf, columnData, resolveColumn } from "../../src/index.js";

async function* run(plan: LogicalPlan): AsyncGenerator<arrow.RecordBatch> {
  switch (plan.kind) {
    case "values":
      yield* plan.batches;
      return;
    case "limit": {
      let left = plan.n;
      for await (const b of run(plan.input)) {
        if (left <= 0) return;
        const taken = b.numRows <= left ? b : b.slice(0, left);
        left -= taken.numRows;
        yield taken;
      }
      return;
    }
    case "project": {
      const idx = plan.exprs.map((e) => {
        const inner = e.kind === "alias" ? e.input : e;
        if (inner.kind !== "column") throw new Error(`fake executor: cannot compute ${JSON.stringify(e)}`);
        return resolveColumn(plan.input.schema, inner.name);
      });
      for await (const b of run(plan.input)) yield batchOf(plan.schema, idx.map((i) => b.data.children[i]!), b.numRows);
      return;
    }
    case "aggregate": {
      let n = 0;
      for await (const b of run(plan.input)) n += b.numRows;
      yield batchOf(plan.schema, [columnData(plan.schema.fields[0]!, [n])], 1);
      return;
    }
    default:
      throw new Error(`fake executor: unsupported ${plan.kind}`);
  }
}

/** Records what it was asked to do. */
export class FakeExecutor implements Executor {
  readonly name = "fake";
  stopped = 0;
  executed: LogicalPlan[] = [];
  contexts: ExecutionContext[] = [];
  execute(plan: LogicalPlan, ctx: ExecutionContext): AsyncIterable<arrow.RecordBatch> {
    this.executed.push(plan);
    this.contexts.push(ctx);
    return run(plan);
  }
  explain(plan: LogicalPlan): string {
    return `FakeExec ${plan.kind}`;
  }
  async stop(): Promise<void> {
    this.stopped++;
  }
}
