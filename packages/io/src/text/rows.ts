// Shapes text-source rows into batches: data columns, then the corrupt-record and line-number columns.
import type * as arrow from "apache-arrow";
import { field, schema, type Schema } from "@lgde/core";
import { BatchBuilder, type Cell } from "../arrow/builder.js";
import { IoError } from "../util/errors.js";
import type { BadRecordPolicy } from "./bad-records.js";

/** The full schema of a text source: the data schema plus the policy's extra columns. */
export function textSourceSchema(data: Schema, policy: BadRecordPolicy, format: string): Schema {
  const fields = [...data.fields];
  const names = new Set(fields.map((f) => f.name));
  if (policy.corruptColumn !== null && !names.has(policy.corruptColumn)) fields.push(field(policy.corruptColumn, "utf8", true));
  if (policy.lineNumberColumn !== null) {
    if (names.has(policy.lineNumberColumn)) throw new IoError(`${format}: lineNumberColumn "${policy.lineNumberColumn}" is also a data column`);
    fields.push(field(policy.lineNumberColumn, "int64", false));
  }
  return schema(fields);
}

/** The data fields of a text source's full schema (those the file provides). */
export function dataFields(full: Schema, policy: BadRecordPolicy, partitionColumns: readonly string[]): Schema {
  return schema(full.fields.filter((f) => f.name !== policy.corruptColumn && f.name !== policy.lineNumberColumn &&
    !partitionColumns.includes(f.name)));
}

type Slot = { kind: "data"; index: number } | { kind: "corrupt" } | { kind: "line" } | { kind: "partition"; name: string };

/** Assembles rows of the projected schema and cuts them into batches. */
export class RowAssembler {
  private readonly slots: Slot[];
  private readonly builder: BatchBuilder;
  private readonly row: Cell[];

  constructor(full: Schema, data: Schema, policy: BadRecordPolicy, projection: readonly string[] | null,
    readonly batchSize: number, private readonly partitions: ReadonlyMap<string, Cell>) {
    const out = projection === null ? full : schema(full.fields.filter((f) => projection.includes(f.name)));
    const dataIndex = new Map(data.fields.map((f, i) => [f.name, i]));
    this.slots = out.fields.map((f): Slot => {
      if (f.name === policy.corruptColumn) return { kind: "corrupt" };
      if (f.name === policy.lineNumberColumn) return { kind: "line" };
      if (partitions.has(f.name)) return { kind: "partition", name: f.name };
      return { kind: "data", index: dataIndex.get(f.name)! };
    });
    this.builder = new BatchBuilder(out);
    this.row = new Array<Cell>(out.fields.length).fill(null);
  }

  /** Adds a row; `cells` are the data columns' cells, `corrupt` the raw text of a bad record or null. */
  add(cells: readonly Cell[] | null, line: number, corrupt: string | null): void {
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i]!;
      this.row[i] = s.kind === "data" ? (cells === null ? null : cells[s.index] ?? null)
        : s.kind === "corrupt" ? corrupt
        : s.kind === "line" ? BigInt(line)
        : this.partitions.get(s.name) ?? null;
    }
    this.builder.appendRow(this.row);
  }

  get full(): boolean { return this.builder.length >= this.batchSize; }
  get length(): number { return this.builder.length; }
  finish(): arrow.RecordBatch { return this.builder.finish(); }
}
