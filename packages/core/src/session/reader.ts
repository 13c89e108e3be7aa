// DataFrameReader: spark.read.format(...).schema(...).option(...).load(path) and format shortcuts.
import type { JsonValue } from "../execution/json.js";
import { schemaToDdl, type DdlRow } from "../format/ddl.js";
import { Scan } from "../plan/nodes/index.js";
import type { Schema } from "../types/data-type.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import { frame } from "../dataframe/impl.js";
import type { SessionState } from "./state.js";

type Options = { readonly [key: string]: JsonValue };

/** Options of CSV reads (see the io plugin for the full list). */
export interface CsvReadOptions {
  readonly header?: boolean;
  readonly inferSchema?: boolean;
  readonly sep?: string;
  readonly schema?: string;
  readonly mode?: "FAILFAST" | "PERMISSIVE" | "DROPMALFORMED";
  readonly columnNameOfCorruptRecord?: string;
  readonly badRecordsPath?: string;
  readonly lineNumberColumn?: string;
  readonly [key: string]: JsonValue | undefined;
}

/** Options of JSON-lines reads. */
export interface JsonReadOptions {
  readonly schema?: string;
  readonly mode?: "FAILFAST" | "PERMISSIVE" | "DROPMALFORMED";
  readonly columnNameOfCorruptRecord?: string;
  readonly badRecordsPath?: string;
  readonly lineNumberColumn?: string;
  readonly [key: string]: JsonValue | undefined;
}

/** Options of MySQL reads: split a table into partitions by a numeric column. */
export interface MysqlReadOptions {
  readonly splitBy?: string;
  readonly numPartitions?: number;
  readonly fetchSize?: number;
  readonly [key: string]: JsonValue | undefined;
}

function defined(o: { readonly [key: string]: JsonValue | undefined }): Options {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Reads external data through the session's source plugins. Each call returns a new reader;
 * `load` resolves the source (its schema is known at once) and returns a lazy DataFrame.
 * A DDL `schema("a int, b string")` also types the rows.
 *
 * @example
 * ```ts
 * const users = await spark.read.parquet("/tmp/target/user/20201025");
 * const access = await spark.read.format("csv").schema("a_time bigint, a_uid int, a_id string")
 *   .option("header", true).load("access.csv");
 * ```
 */
export class DataFrameReader<Row extends object = Record<string, unknown>> {
  /** @internal */
  constructor(
    private readonly state: SessionState,
    private readonly fmt: string | null = null,
    private readonly opts: Options = {},
  ) {
    Object.freeze(this);
  }

  /** The source format (`parquet`, `json`, `csv`, `mysql`, or a plugin's). */
  format(format: string): DataFrameReader<Row> {
    return new DataFrameReader(this.state, format, this.opts);
  }

  /** The schema as a DDL string (which also types the rows) or a Schema; otherwise the source infers it. */
  schema<const S extends string>(ddl: S): DataFrameReader<DdlRow<S>>;
  schema(schema: Schema): DataFrameReader<Record<string, unknown>>;
  schema(s: string | Schema): unknown {
    return new DataFrameReader(this.state, this.fmt, { ...this.opts, schema: typeof s === "string" ? s : schemaToDdl(s) });
  }

  /** A format-specific option. */
  option(key: string, value: JsonValue): DataFrameReader<Row> {
    return new DataFrameReader(this.state, this.fmt, { ...this.opts, [key]: value });
  }

  /** Several options at once. */
  options(options: { readonly [key: string]: JsonValue | undefined }): DataFrameReader<Row> {
    return new DataFrameReader(this.state, this.fmt, { ...this.opts, ...defined(options) });
  }

  /** Resolves the source and returns a DataFrame over it. `path` may be one path or several. */
  async load(path?: string | readonly string[]): Promise<DataFrame<Row>> {
    const format = this.fmt ?? "parquet";
    const options: Options = path === undefined ? this.opts : { ...this.opts, path: typeof path === "string" ? path : [...path] };
    const provider = this.state.context.sources.source(format);
    const ref = await provider.resolve(options);
    return frame<Row>(this.state, Scan.create(ref));
  }

  /** Parquet files (a file, a directory, or several). */
  parquet(...paths: string[]): Promise<DataFrame<Row>> {
    return this.format("parquet").load(paths.length === 1 ? paths[0]! : paths);
  }

  /** JSON lines. */
  json(path: string | readonly string[], options: JsonReadOptions = {}): Promise<DataFrame<Row>> {
    return this.format("json").options(options).load(path);
  }

  /** CSV: `csv(path, { header: true, inferSchema: true })`. */
  csv(path: string | readonly string[], options: CsvReadOptions = {}): Promise<DataFrame<Row>> {
    return this.format("csv").options(options).load(path);
  }

  /**
   * A MySQL/MariaDB table or query: `mysql("mysql://user:pw@host:3306/db", "user_20201025")`.
   * `urlOrOptions` may also be an options object with `url` (and `table` or `query`).
   */
  mysql(urlOrOptions: string | Options, tableOrQuery?: string, options: MysqlReadOptions = {}): Promise<DataFrame<Row>> {
    const base: Options = typeof urlOrOptions === "string" ? { url: urlOrOptions } : urlOrOptions;
    const rel: Options = tableOrQuery === undefined ? {}
      : /^\s*(\(|select\s|with\s)/i.test(tableOrQuery) ? { query: tableOrQuery } : { table: tableOrQuery };
    return this.format("mysql").options({ ...base, ...rel, ...defined(options) }).load();
  }
}
