// `lgde`: the command-line entry point (compiled to dist/cli/main.js, launched by bin/lgde.js).
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ingest } from "../ingest/ingest.js";
import { metrics } from "../metrics/metrics.js";
import { runRange } from "../run.js";
import { demo } from "../demo/demo.js";
import { startServer } from "../serve/index.js";
import { parseCommand, UsageError, type Command } from "./args.js";
import { formatIngest, formatKpis, formatMetrics } from "./format.js";
import { terminalReporter } from "./progress.js";

/** Runs one command line; returns the exit code (0 ok, 1 job failed, 2 bad command line). */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv, env);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`lgde: ${e.message}\nRun \`lgde ${e.command === "main" ? "" : e.command + " "}--help\` for usage.\n`);
      return 2;
    }
    throw e;
  }
  const reporter = terminalReporter();
  try {
    await execute(command, reporter);
    reporter.clear();
    return 0;
  } catch (e) {
    reporter.clear();
    process.stderr.write(`lgde: error: ${(e as Error).message}\n`);
    if (env["LGDE_DEBUG"] === "1") process.stderr.write(`${(e as Error).stack ?? ""}\n`);
    return 1;
  }
}

async function execute(command: Command, reporter: ReturnType<typeof terminalReporter>): Promise<void> {
  switch (command.kind) {
    case "help":
      process.stdout.write(command.text);
      return;
    case "ingest":
      reporter.info(formatIngest(await ingest({ ...command, reporter })));
      return;
    case "metrics":
      reporter.info(formatMetrics(await metrics({ ...command, reporter })));
      return;
    case "run": {
      const days = await runRange({
        ...command,
        reporter,
        onDay: (d) => reporter.info(`${formatIngest(d.ingest)}\n${formatMetrics(d.metrics)}\n`),
      });
      reporter.info(`lgde run ${command.from}..${command.to}\n${formatKpis(days.map((d) => d.metrics.kpi))}`);
      return;
    }
    case "serve": {
      const server = await startServer({ ...command, log: (line) => process.stderr.write(`${line}\n`) });
      process.stdout.write(`lgde serve: listening on ${server.url} (warehouse ${command.warehouse}); Ctrl-C stops\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      return;
    }
    case "demo": {
      const result = await demo({ ...command, reporter });
      const s = result.shop;
      reporter.info(
        `demo: ${s.days.length} days, customers and sales in ${s.tablesDir}, access log ${s.accessLog} ` +
          `(${s.accessLines} lines, ${s.duplicateLines} duplicated, ${s.malformedLines} malformed)\n` +
          `warehouse: ${result.warehouse}\n` +
          `rejected lines per day: ${result.days.map((d) => `${d.ingest.date} ${d.ingest.rows.access_rejects}`).join(", ")}\n\n` +
          formatKpis(result.days.map((d) => d.metrics.kpi)),
      );
      return;
    }
  }
}

// Run when this file is executed directly (`node dist/cli/main.js`); bin/lgde.js calls `run()` itself.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) run();

/** Runs the command line of this process and sets its exit code. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`lgde: internal error: ${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1; },
  );
}
