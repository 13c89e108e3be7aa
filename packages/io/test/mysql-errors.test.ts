import * as net from "node:net";
// Connection and lookup failures give messages that name the host, user, database or table, never the password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, schema } from "@lgde/core";
import { mysqlSink, mysqlSource } from "../src/mysql/index.js";
import { HOST, PORT, adminConnection, batchesOf, context, createTestDatabase, type TestDatabase } from "./mysql/helpers.js";

const admin = await adminConnection();
let db: TestDatabase;

beforeAll(async () => {
  if (admin !== null) db = await createTestDatabase(admin);
});
afterAll(async () => {
  if (admin === null) return;
  await db.drop();
  await admin.end();
});

async function message(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return (err as Error).message;
  }
  throw new Error("expected a failure");
}

describe.skipIf(admin === null)("MySQL error messages", () => {
  it("a refused connection names host:port", async () => {
    const m = await message(mysqlSource.resolve({ url: `mysql://${db.user}:${db.password}@${HOST}:1/${db.database}`, table: "t" }));
    expect(m).toBe(`cannot connect to MySQL at ${HOST}:1: connection refused (is the server running, and is 1 the right port?)`);
  });

  it("a wrong password names user@host and does not echo the password", async () => {
    const m = await message(mysqlSource.resolve({ url: `mysql://${db.user}:wrong-secret@${HOST}:${PORT}/${db.database}`, table: "t" }));
    expect(m).toBe(`MySQL at ${HOST}:${PORT} refused user ${db.user}@${HOST}: access denied (wrong user or password)`);
    expect(m).not.toContain("wrong-secret");
  });

  it("an unknown database is named", async () => {
    const m = await message(mysqlSource.resolve({ url: `mysql://root@${HOST}:${PORT}/no_such_db_lgde`, table: "t" }));
    expect(m).toBe(`MySQL at ${HOST}:${PORT}: unknown database no_such_db_lgde`);
  });

  it("a database the user may not use is named", async () => {
    const m = await message(mysqlSource.resolve({ url: `mysql://${db.user}:${db.password}@${HOST}:${PORT}/mysql`, table: "user" }));
    expect(m).toContain(`user ${db.user}@${HOST} may not use database mysql`);
  });

  it("an unknown table is named with its database", async () => {
    const m = await message(mysqlSource.resolve({ url: db.url, table: "no_such_table" }));
    expect(m).toMatch(new RegExp(`^MySQL at ${HOST}:${PORT}, database ${db.database}: table no_such_table does not exist`));
    expect(m).not.toContain(db.password);
  });

  it("a bad query names the server's complaint", async () => {
    const m = await message(mysqlSource.resolve({ url: db.url, query: "SELECT nope FROM dual" }));
    expect(m).toMatch(/MySQL error at .* while resolving the schema of table \(SELECT nope FROM dual\): Unknown column 'nope'/);
  });

  it("the sink reports connection failures the same way", async () => {
    const s = schema([field("a", "int32")]);
    const m = await message(mysqlSink.write(batchesOf(), { format: "mysql", mode: "append", target: "t", partitionBy: [], schema: s, options: { url: `mysql://u:pw@${HOST}:1/x` } }, context()));
    expect(m).toContain(`cannot connect to MySQL at ${HOST}:1`);
  });

  it("a server that accepts but never answers times out instead of hanging", async () => {
    // A silent listener on loopback: the handshake never comes (only loopback is ever a target here).
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const m = await message(mysqlSource.resolve({ url: { host: "127.0.0.1", port, user: "u", password: "p", connectTimeout: 500 }, table: "t" }));
      expect(m).toMatch(new RegExp(`cannot connect to MySQL at 127\\.0\\.0\\.1:${port}: timed out after 500 ms`));
    } finally {
      silent.close();
    }
  });

  it("rejects bad URLs and options without echoing the password", async () => {
    expect(await message(mysqlSource.resolve({ url: "postgres://u:topsecret@h/db", table: "t" }))).toBe('invalid MySQL URL "postgres://u:***@h/db": the scheme must be mysql:// or mariadb://');
    expect(await message(mysqlSource.resolve({ url: db.url }))).toBe("MySQL source needs exactly one of `table` or `query`");
    expect(await message(mysqlSource.resolve({ url: db.url, table: "t", numPartitions: 4 }))).toMatch(/needs `splitBy`/);
  });
});
