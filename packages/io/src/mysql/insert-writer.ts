// Turns record batches into multi-row INSERT statements, flushed by row count and by bytes (max_allowed_packet).
import * as arrow from "apache-arrow";
import { ExecutionError, type Field } from "@lgde/core";
import type { MysqlConnection } from "./connect.js";
import { quoteIdent, quoteTable } from "./sql.js";
import { daysToDate, microsToWallClock } from "./time.js";

/** A column to write and the zone its timestamps are written in (UTC for TIMESTAMP columns, the session zone for DATETIME). */
export interface ColumnTarget {
  readonly field: Field;
  readonly zone: string;
}

export interface InsertWriterOptions {
  /** ON DUPLICATE KEY UPDATE every non-key column when set. */
  readonly upsertKey: readonly string[] | null;
  readonly rowsPerStatement: number;
  readonly maxStatementBytes: number;
  readonly onRows?: (rowsSoFar: number) => void;
}

type Encode = (vector: arrow.Vector, data: arrow.Data, row: number) => string;

function encoderFor(t: ColumnTarget, table: string, escape: (s: string) => string): Encode {
  const f = t.field;
  switch (f.type) {
    case "int32":
      return (v, _d, r) => String(v.get(r) as number);
    case "int64":
      return (v, _d, r) => String(v.get(r) as bigint);
    case "float64":
      return (v, _d, r) => {
        const x = v.get(r) as number;
        if (!Number.isFinite(x)) throw new ExecutionError(`table ${table}, column "${f.name}": ${x} cannot be stored in MySQL (no NaN or infinity)`);
        return String(x);
      };
    case "utf8":
      return (v, _d, r) => escape(v.get(r) as string);
    case "bool":
      return (v, _d, r) => ((v.get(r) as boolean) ? "1" : "0");
    case "timestamp":
      return (_v, d, r) => `'${microsToWallClock((d.values as BigInt64Array)[r]!, t.zone)}'`;
    case "date":
      return (_v, d, r) => `'${daysToDate((d.values as Int32Array)[r]!)}'`;
    case "null":
      return () => "NULL";
  }
}

/** Accumulates rows into INSERT statements on one connection (inside the caller's transaction). */
export class InsertWriter {
  private readonly head: string;
  private readonly tail: string;
  private readonly encoders: Encode[];
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Rows written so far (sent to the server). */
  rows = 0;

  constructor(
    private readonly c: MysqlConnection,
    private readonly table: string,
    private readonly targets: readonly ColumnTarget[],
    private readonly opts: InsertWriterOptions,
  ) {
    const cols = targets.map((t) => quoteIdent(t.field.name));
    this.head = `INSERT INTO ${quoteTable(table)} (${cols.join(", ")}) VALUES `;
    if (opts.upsertKey === null) {
      this.tail = "";
    } else {
      const keys = new Set(opts.upsertKey);
      const rest = targets.filter((t) => !keys.has(t.field.name)).map((t) => quoteIdent(t.field.name));
      // With only key columns there is nothing to update; assigning a key to itself keeps the row.
      const assign = (rest.length > 0 ? rest : [quoteIdent(opts.upsertKey[0]!)]).map((q) => `${q} = VALUES(${q})`);
      this.tail = ` ON DUPLICATE KEY UPDATE ${assign.join(", ")}`;
    }
    this.encoders = targets.map((t) => encoderFor(t, table, (s) => c.escape(s)));
  }

  /** Adds a batch's rows (columns matched by position to the targets), sending statements as they fill. */
  async add(batch: arrow.RecordBatch): Promise<void> {
    if (batch.numCols !== this.targets.length) {
      throw new ExecutionError(`table ${this.table}: a batch has ${batch.numCols} columns, the schema ${this.targets.length}`);
    }
    const vectors = this.targets.map((_, i) => batch.getChildAt(i)!);
    const datas = vectors.map((v) => v.data[0]!);
    const fixed = Buffer.byteLength(this.head) + Buffer.byteLength(this.tail);
    for (let r = 0; r < batch.numRows; r++) {
      const values: string[] = [];
      for (let i = 0; i < vectors.length; i++) {
        const v = vectors[i]!;
        values.push(v.isValid(r) ? this.encoders[i]!(v, datas[i]!, r) : "NULL");
      }
      const text = `(${values.join(",")})`;
      const bytes = Buffer.byteLength(text) + 1;
      if (fixed + bytes > this.opts.maxStatementBytes) {
        throw new ExecutionError(`table ${this.table}: row ${this.rows + this.pending.length + 1} needs ${bytes} bytes, more than max_allowed_packet allows (${this.opts.maxStatementBytes})`);
      }
      if (this.pending.length > 0 && fixed + this.pendingBytes + bytes > this.opts.maxStatementBytes) await this.flush();
      this.pending.push(text);
      this.pendingBytes += bytes;
      if (this.pending.length >= this.opts.rowsPerStatement) await this.flush();
    }
  }

  /** Sends what is pending. */
  async finish(): Promise<void> {
    if (this.pending.length > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const sql = this.head + this.pending.join(",") + this.tail;
    const n = this.pending.length;
    this.pending = [];
    this.pendingBytes = 0;
    await this.c.query(sql);
    this.rows += n;
    this.opts.onRows?.(this.rows);
  }
}
