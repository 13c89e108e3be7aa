// Command-line parsing: flags, defaults, help and usage errors.
import { describe, expect, it, vi } from "vitest";
import { parseCommand, UsageError } from "../../src/cli/args.js";
import { main } from "../../src/cli/main.js";

describe("parseCommand", () => {
  it("applies the defaults", () => {
    const c = parseCommand(["ingest", "--date", "20201025"], {});
    expect(c).toMatchObject({ kind: "ingest", date: "20201025", warehouse: "/tmp/target", timeZone: "Asia/Seoul", executor: "local" });
    if (c.kind !== "ingest") throw new Error("not ingest");
    expect(c.sources.accessLog).toBe("/tmp/fluentd/csv/access.csv");
    expect(c.sources.servingUrl).toBe("mysql://sqoop:sqoop@127.0.0.1:3306/testdb");
    expect(c.sources.description).not.toContain("sqoop:sqoop");
  });

  it("takes the environment, then the flags", () => {
    const env = { LGDE_MYSQL_URL: "mysql://a:b@h/db", LGDE_ACCESS_LOG: "/x.csv" };
    const c = parseCommand(["run", "--from", "20201025", "--to", "20201026", "--first-day"], env);
    expect(c).toMatchObject({ kind: "run", from: "20201025", to: "20201026", firstDay: true });
    if (c.kind !== "run") throw new Error("not run");
    expect(c.sources.servingUrl).toBe("mysql://a:b@h/db");
    expect(c.sources.accessLog).toBe("/x.csv");
    const d = parseCommand(["metrics", "--date", "20201026", "--mysql", "mysql://c@h/d", "--tz", "UTC", "--executor", "workers", "--warehouse", "/w"], env);
    expect(d).toMatchObject({ kind: "metrics", firstDay: false, timeZone: "UTC", executor: "workers", warehouse: "/w" });
    if (d.kind !== "metrics") throw new Error("not metrics");
    expect(d.sources.servingUrl).toBe("mysql://c@h/d");
  });

  it("reads tables from files with --tables (nothing served)", () => {
    const c = parseCommand(["ingest", "--date", "20201025", "--tables", "/t", "--tables-format", "csv"], {});
    if (c.kind !== "ingest") throw new Error("not ingest");
    expect(c.sources.servingUrl).toBeNull();
  });

  it("parses demo options", () => {
    expect(parseCommand(["demo", "--days", "3", "--users", "10", "--dir", "/d"], {})).toMatchObject({ kind: "demo", days: 3, users: 10, dir: "/d" });
    expect(parseCommand(["demo"], {})).toMatchObject({ kind: "demo", days: 7, users: 200, dir: undefined });
  });

  it("gives help", () => {
    expect(parseCommand([], {})).toMatchObject({ kind: "help" });
    expect(parseCommand(["--help"], {})).toMatchObject({ kind: "help" });
    const h = parseCommand(["metrics", "--help"], {});
    expect(h.kind === "help" && h.text).toContain("--first-day");
  });

  it.each([
    [["frobnicate"], /unknown command/],
    [["ingest"], /--date is required/],
    [["ingest", "--date", "2020-10-25"], /yyyyMMdd/],
    [["ingest", "--date", "20201332"], /not a calendar day/],
    [["ingest", "--date", "20201025", "--bogus"], /bogus/],
    [["ingest", "--date", "20201025", "extra"], /extra/],
    [["metrics", "--date", "20201025", "--access-log", "/x"], /access-log/],
    [["run", "--from", "20201026", "--to", "20201025"], /before/],
    [["run", "--from", "20201026"], /--to is required/],
    [["ingest", "--date", "20201025", "--executor", "gpu"], /must be local, workers or spark, got "gpu"/],
    [["ingest", "--date", "20201025", "--tz", "Mars/Olympus"], /time zone/],
    [["demo", "--days", "zero"], /positive integer/],
    [["ingest", "--date", "20201025", "--user-table", "users"], /\{D\}/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCommand(argv, {})).toThrow(UsageError);
    expect(() => parseCommand(argv, {})).toThrow(message);
  });
});

describe("main", () => {
  it("exits with 2 on a bad command line, naming the problem", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["ingest", "--date", "yesterday"])).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toMatch(/yesterday.*yyyyMMdd/);
    } finally {
      err.mockRestore();
    }
  });

  it("prints help with exit code 0", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(await main(["--help"])).toBe(0);
      expect(String(out.mock.calls[0]?.[0])).toContain("lgde ingest");
    } finally {
      out.mockRestore();
    }
  });

  it("exits with 1 when a job fails, naming the cause", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["metrics", "--date", "20201026", "--warehouse", "/nonexistent/lgde", "--tables", "/nonexistent"])).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join("")).toMatch(/user\/20201026/);
    } finally {
      err.mockRestore();
    }
  });
});
