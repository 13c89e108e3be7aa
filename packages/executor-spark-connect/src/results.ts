// Spark's Arrow batches relabelled to our schema, so collect() gives the same rows as local():
// Spark's timestamp (tagged with the session zone) becomes TimestampMicrosecond("UTC") with the same
// instants; anything whose Arrow type differs otherwise is converted value by value.
import * as arrow from "apache-arrow";
import { ExecutionError } from "@lgde/core";

function sameStorage(a: arrow.DataType, b: arrow.DataType): boolean {
  if (arrow.DataType.isTimestamp(a) && arrow.DataType.isTimestamp(b)) return a.unit === b.unit;
  return String(a) === String(b) && a.typeId === b.typeId;
}

/** One value of a column converted to what the target Arrow type's builder takes. */
function convertValue(v: unknown, target: arrow.DataType, column: string): unknown {
  if (v === null || v === undefined) return null;
  if (arrow.DataType.isInt(target)) {
    if (target.bitWidth === 64) return typeof v === "bigint" ? v : BigInt(Math.trunc(Number(v)));
    if (typeof v === "bigint") {
      if (v > 2147483647n || v < -2147483648n) throw new ExecutionError(`column "${column}": Spark returned ${v}, beyond a 32-bit integer`);
      return Number(v);
    }
    return Number(v);
  }
  if (arrow.DataType.isFloat(target)) return Number(v);
  if (arrow.DataType.isUtf8(target)) return String(v);
  return v;
}

function convertColumn(data: arrow.Data, target: arrow.Field, column: string): arrow.Data {
  if (sameStorage(data.type, target.type)) {
    if (String(data.type) === String(target.type)) return data;
    return arrow.makeData({
      type: target.type as arrow.Timestamp, offset: data.offset, length: data.length, nullCount: data.nullCount,
      data: data.values as BigInt64Array, nullBitmap: data.nullBitmap,
    });
  }
  if (arrow.DataType.isNull(target.type)) return arrow.makeData({ type: new arrow.Null(), length: data.length });
  const source = arrow.makeVector(data);
  const builder = arrow.makeBuilder({ type: target.type, nullValues: [null, undefined] });
  for (let i = 0; i < source.length; i++) builder.append(convertValue(source.get(i), target.type, column));
  const out = builder.finish().flush();
  return out;
}

/** Spark's batch with our schema: same columns by position, our names and Arrow types. */
export function toOurBatch(batch: arrow.RecordBatch, schema: arrow.Schema): arrow.RecordBatch {
  if (batch.numCols !== schema.fields.length) {
    const theirs = batch.schema.fields.map((f) => f.name).join(", ");
    const ours = schema.fields.map((f) => f.name).join(", ");
    throw new ExecutionError(`spark-connect: Spark returned ${batch.numCols} columns (${theirs}) where the plan has ${schema.fields.length} (${ours})`);
  }
  const children = schema.fields.map((f, i) => convertColumn(batch.data.children[i]!, f, f.name));
  return new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}

/** Every record batch of one IPC stream from the server, converted to our schema. */
export function* decodeArrowStream(bytes: Uint8Array, schema: arrow.Schema): Generator<arrow.RecordBatch> {
  const reader = arrow.RecordBatchReader.from(bytes);
  for (const batch of reader) {
    if (batch.numRows > 0) yield toOurBatch(batch, schema);
  }
}
