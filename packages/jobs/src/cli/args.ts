// Command-line parsing with node's util.parseArgs: strict flags, checked days, and usage errors (exit code 2).
import { parseArgs } from "node:util";
import { DEFAULT_ACCESS_LOG, DEFAULT_MYSQL_URL, DEFAULT_TIME_ZONE, DEFAULT_WAREHOUSE, type ExecutorName } from "../config.js";
import { DateError, checkDay, checkTimeZone, daysBetween } from "../dates.js";
import { fileSources } from "../sources/file-sources.js";
import { mysqlSources } from "../sources/mysql-sources.js";
import type { ShopSources } from "../sources/shop-sources.js";
import { HELP } from "./help.js";

/** A bad command line; the CLI prints it with a hint and exits with code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(message: string, readonly command: keyof typeof HELP = "main") {
    super(message);
  }
}

interface Common {
  readonly warehouse: string;
  readonly timeZone: string;
  readonly executor: ExecutorName;
  readonly sources: ShopSources;
}

export type Command =
  | { readonly kind: "help"; readonly text: string }
  | ({ readonly kind: "ingest"; readonly date: string } & Common)
  | ({ readonly kind: "metrics"; readonly date: string; readonly firstDay: boolean } & Common)
  | ({ readonly kind: "run"; readonly from: string; readonly to: string; readonly firstDay: boolean } & Common)
  | {
      readonly kind: "serve"; readonly warehouse: string; readonly mysql: string;
      readonly port: number; readonly host: string;
    }
  | {
      readonly kind: "demo"; readonly days: number; readonly users: number; readonly dir: string | undefined;
      readonly seed: number | undefined; readonly timeZone: string; readonly executor: ExecutorName;
    };

type Spec = Record<string, { type: "string" | "boolean"; short?: string }>;

const SOURCE_FLAGS: Spec = {
  mysql: { type: "string" }, tables: { type: "string" }, "tables-format": { type: "string" },
  "user-table": { type: "string" }, "purchase-table": { type: "string" },
};
const COMMON_FLAGS: Spec = {
  warehouse: { type: "string" }, tz: { type: "string" }, executor: { type: "string" }, help: { type: "boolean", short: "h" },
  ...SOURCE_FLAGS,
};
const FLAGS: Record<Exclude<Command["kind"], "help">, Spec> = {
  ingest: { date: { type: "string" }, "access-log": { type: "string" }, ...COMMON_FLAGS },
  metrics: { date: { type: "string" }, "first-day": { type: "boolean" }, ...COMMON_FLAGS },
  run: { from: { type: "string" }, to: { type: "string" }, "first-day": { type: "boolean" }, "access-log": { type: "string" }, ...COMMON_FLAGS },
  serve: {
    warehouse: { type: "string" }, mysql: { type: "string" }, port: { type: "string" }, host: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
  demo: {
    days: { type: "string" }, users: { type: "string" }, dir: { type: "string" }, seed: { type: "string" },
    tz: { type: "string" }, executor: { type: "string" }, help: { type: "boolean", short: "h" },
  },
};

type Values = Record<string, string | boolean | undefined>;

/** Parses `argv` (without node and the script) into a command; throws UsageError on anything wrong. */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") return { kind: "help", text: HELP.main };
  if (!(name in FLAGS)) throw new UsageError(`unknown command "${name}": expected ingest, metrics, run, serve or demo`);
  const kind = name as keyof typeof FLAGS;
  let values: Values;
  try {
    const parsed = parseArgs({ args: [...rest], options: FLAGS[kind], strict: true, allowPositionals: false });
    values = parsed.values as Values;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""), kind);
  }
  if (values["help"] === true) return { kind: "help", text: HELP[kind] };
  try {
    return build(kind, values, env);
  } catch (e) {
    if (e instanceof DateError) throw new UsageError(e.message, kind);
    throw e;
  }
}

function str(v: Values, key: string): string | undefined {
  const x = v[key];
  return typeof x === "string" ? x : undefined;
}

function required(v: Values, key: string, kind: keyof typeof HELP): string {
  const x = str(v, key);
  if (x === undefined) throw new UsageError(`--${key} is required`, kind);
  return x;
}

function positiveInt(v: Values, key: string, fallback: number, kind: keyof typeof HELP): number {
  const x = str(v, key);
  if (x === undefined) return fallback;
  if (!/^\d+$/.test(x) || Number(x) < 1) throw new UsageError(`--${key} must be a positive integer, got "${x}"`, kind);
  return Number(x);
}

function executorOf(v: Values, kind: keyof typeof HELP): ExecutorName {
  const x = str(v, "executor") ?? "local";
  if (x !== "local" && x !== "workers" && x !== "spark") throw new UsageError(`--executor must be local, workers or spark, got "${x}"`, kind);
  return x;
}

function sourcesOf(v: Values, env: NodeJS.ProcessEnv, kind: keyof typeof HELP): ShopSources {
  const accessLog = str(v, "access-log") ?? env["LGDE_ACCESS_LOG"] ?? DEFAULT_ACCESS_LOG;
  const templates = { userTable: str(v, "user-table"), purchaseTable: str(v, "purchase-table") };
  for (const [flag, t] of [["--user-table", templates.userTable], ["--purchase-table", templates.purchaseTable]] as const) {
    if (t !== undefined && !t.includes("{D}")) throw new UsageError(`${flag} "${t}" must contain {D}, e.g. user_{D}`, kind);
  }
  const tables = str(v, "tables");
  if (tables !== undefined) {
    if (str(v, "mysql") !== undefined) throw new UsageError("--tables and --mysql exclude each other", kind);
    const format = str(v, "tables-format") ?? "parquet";
    if (format !== "parquet" && format !== "csv") throw new UsageError(`--tables-format must be parquet or csv, got "${format}"`, kind);
    return fileSources({ dir: tables, format, accessLog, ...templates });
  }
  if (str(v, "tables-format") !== undefined) throw new UsageError("--tables-format needs --tables", kind);
  return mysqlSources({ url: str(v, "mysql") ?? env["LGDE_MYSQL_URL"] ?? DEFAULT_MYSQL_URL, accessLog, ...templates });
}

function build(kind: keyof typeof FLAGS, v: Values, env: NodeJS.ProcessEnv): Command {
  if (kind === "serve") {
    const port = str(v, "port") ?? "8080";
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a TCP port 0..65535, got "${port}"`, kind);
    return {
      kind,
      warehouse: str(v, "warehouse") ?? DEFAULT_WAREHOUSE,
      mysql: str(v, "mysql") ?? env["LGDE_MYSQL_URL"] ?? DEFAULT_MYSQL_URL,
      port: Number(port),
      host: str(v, "host") ?? "127.0.0.1",
    };
  }
  const timeZone = checkTimeZone(str(v, "tz") ?? DEFAULT_TIME_ZONE);
  const executor = executorOf(v, kind);
  if (kind === "demo") {
    const seed = str(v, "seed");
    return {
      kind, timeZone, executor,
      days: positiveInt(v, "days", 7, kind),
      users: positiveInt(v, "users", 200, kind),
      dir: str(v, "dir"),
      seed: seed === undefined ? undefined : positiveInt(v, "seed", 1, kind),
    };
  }
  const common: Common = { warehouse: str(v, "warehouse") ?? DEFAULT_WAREHOUSE, timeZone, executor, sources: sourcesOf(v, env, kind) };
  const firstDay = v["first-day"] === true;
  switch (kind) {
    case "ingest":
      return { kind, date: checkDay(required(v, "date", kind), "--date"), ...common };
    case "metrics":
      return { kind, date: checkDay(required(v, "date", kind), "--date"), firstDay, ...common };
    case "run": {
      const from = required(v, "from", kind);
      const to = required(v, "to", kind);
      daysBetween(from, to);
      return { kind, from, to, firstDay, ...common };
    }
  }
}
