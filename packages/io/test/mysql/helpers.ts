// Test helpers: a private database and user on the local MariaDB, a minimal ExecutionContext, and readers.
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import type * as arrow from "apache-arrow";
import * as arrowLib from "apache-arrow";
import { toArrowSchema, type ExecutionContext, type Schema, type ScanPushdown, type SourceRef, type SourceRegistry } from "@lgde/core";
import { mysqlSink, mysqlSource } from "../../src/mysql/index.js";

export const HOST = process.env["LGDE_MYSQL_HOST"] ?? "127.0.0.1";
export const PORT = Number(process.env["LGDE_MYSQL_PORT"] ?? 3306);
const ROOT_USER = process.env["LGDE_MYSQL_USER"] ?? "root";
const ROOT_PASSWORD = process.env["LGDE_MYSQL_PASSWORD"] ?? "";

/** Opens an admin connection, or returns null if MySQL is unreachable. In CI (`CI=true`) unreachable MySQL is an error. */
export async function adminConnection(): Promise<mysql.Connection | null> {
  try {
    return await mysql.createConnection({ host: HOST, port: PORT, user: ROOT_USER, password: ROOT_PASSWORD, connectTimeout: 3000, charset: "UTF8MB4_UNICODE_CI" });
  } catch (err) {
    if (process.env["CI"] === "true") throw new Error(`MySQL tests need MariaDB at ${HOST}:${PORT} in CI: ${String(err)}`);
    console.warn(`\n*** SKIPPING MySQL tests: no MySQL/MariaDB at ${HOST}:${PORT} as ${ROOT_USER} (${(err as Error).message}) ***\n`);
    return null;
  }
}

/** A private database and a user with a password who may use only it. */
export interface TestDatabase {
  readonly admin: mysql.Connection;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** mysql://user:password@host:port/database */
  readonly url: string;
  /** Runs SQL as the admin inside the test database. */
  sql(statement: string, values?: unknown[]): Promise<unknown[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(admin: mysql.Connection): Promise<TestDatabase> {
  const suffix = randomBytes(4).toString("hex");
  const database = `lgde_test_io_${suffix}`;
  const user = `lgde_io_${suffix}`;
  const password = `pw-${randomBytes(6).toString("hex")}`;
  const hosts = ["localhost", "127.0.0.1", "%"];
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  for (const h of hosts) {
    await admin.query(`CREATE USER '${user}'@'${h}' IDENTIFIED BY '${password}'`);
    await admin.query(`GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'${h}'`);
  }
  return {
    admin, database, user, password,
    url: `mysql://${user}:${password}@${HOST}:${PORT}/${database}`,
    async sql(statement, values) {
      await admin.query(`USE \`${database}\``);
      const [rows] = await admin.query(statement, values);
      return rows as unknown[];
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      for (const h of hosts) await admin.query(`DROP USER IF EXISTS '${user}'@'${h}'`);
    },
  };
}

export const registry: SourceRegistry = {
  source(format) {
    if (format === "mysql") return mysqlSource;
    throw new Error(`no source ${format}`);
  },
  sink(format) {
    if (format === "mysql") return mysqlSink;
    throw new Error(`no sink ${format}`);
  },
};

export function context(over: Partial<ExecutionContext> = {}): ExecutionContext {
  return { timeZone: "UTC", sources: registry, batchSize: 1024, ...over };
}

export const ALL: ScanPushdown = { projection: null, filters: [] };

/** Rows of batches as plain objects (Arrow's own value conversion). */
export function rowsOf(batches: readonly arrow.RecordBatch[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const b of batches) {
    for (let r = 0; r < b.numRows; r++) {
      const row: Record<string, unknown> = {};
      b.schema.fields.forEach((f, i) => {
        row[f.name] = b.getChildAt(i)!.get(r);
      });
      out.push(row);
    }
  }
  return out;
}

/** Reads every partition of a source, one after another. */
export async function readAll(ref: SourceRef, pushdown: ScanPushdown = ALL, ctx = context()): Promise<arrow.RecordBatch[]> {
  const batches: arrow.RecordBatch[] = [];
  for (const p of await mysqlSource.partitions(ref, pushdown)) {
    for await (const b of mysqlSource.read(ref, p, pushdown, ctx)) batches.push(b);
  }
  return batches;
}

/** An async iterable over given batches, for the sink. */
export async function* batchesOf(...batches: arrow.RecordBatch[]): AsyncGenerator<arrow.RecordBatch> {
  for (const b of batches) yield b;
}

/** A record batch of `s` from column arrays (numbers, bigints, strings, booleans, Dates, nulls). */
export function batchFrom(s: Schema, columns: Readonly<Record<string, readonly unknown[]>>): arrow.RecordBatch {
  const arrowSchema = toArrowSchema(s);
  const length = columns[s.fields[0]!.name]!.length;
  const children = s.fields.map((f, i) => {
    const values = columns[f.name]!;
    if (values.length !== length) throw new Error(`column ${f.name}: ${values.length} values, expected ${length}`);
    return arrowLib.vectorFromArray(values as unknown[], arrowSchema.fields[i]!.type).data[0]!;
  });
  return new arrowLib.RecordBatch(arrowSchema, arrowLib.makeData({ type: new arrowLib.Struct(arrowSchema.fields), length, nullCount: 0, children }));
}
