// Reads a Parquet file's footer directly, for row-group statistics (parquet-wasm does not expose them)
// and for a clear error when a file is truncated or not Parquet.
import type { FileHandle } from "node:fs/promises";
import { IoError } from "../util/errors.js";
import { CompactReader, type ThriftStruct, type ThriftValue } from "./thrift.js";

/** Physical types, by Parquet's enum number. */
export const PHYSICAL = { BOOLEAN: 0, INT32: 1, INT64: 2, INT96: 3, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6, FIXED_LEN_BYTE_ARRAY: 7 } as const;

/** Raw statistics of one column chunk (undecoded min/max bytes), and where its bytes are in the file. */
export interface ColumnChunkStats {
  readonly column: string;
  readonly physicalType: number;
  /** Its first byte (the dictionary page's, else the first data page's) and its compressed length, when the footer gives them. */
  readonly bytes?: { readonly start: number; readonly length: number };
  readonly min?: Uint8Array;
  readonly max?: Uint8Array;
  readonly nullCount?: number;
}

export interface RowGroupInfo {
  readonly rows: number;
  readonly columns: readonly ColumnChunkStats[];
}

export interface Footer {
  readonly rows: number;
  readonly rowGroups: readonly RowGroupInfo[];
}

const MAGIC = "PAR1";

function bytesOf(v: ThriftValue | undefined): Uint8Array | undefined {
  return v instanceof Uint8Array ? v : undefined;
}

function num(v: ThriftValue | undefined): number | undefined {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : undefined;
}

function struct(v: ThriftValue | undefined): ThriftStruct | undefined {
  return v instanceof Map ? v : undefined;
}

function parseColumnChunk(cc: ThriftStruct): ColumnChunkStats | null {
  const md = struct(cc.get(3));
  if (md === undefined) return null;
  const pathParts = md.get(3);
  if (!Array.isArray(pathParts) || pathParts.length !== 1) return null; // nested: not ours
  const column = new TextDecoder().decode(bytesOf(pathParts[0]));
  const physicalType = num(md.get(1)) ?? -1;
  // A chunk starts at its dictionary page when there is one. Some writers put 0 there for none, so
  // (as parquet-mr) only an offset before the first data page counts.
  const data = num(md.get(9)), dict = num(md.get(11)), length = num(md.get(7));
  const start = dict !== undefined && data !== undefined && dict > 0 && dict < data ? dict : data;
  const where = start !== undefined && length !== undefined && start >= 0 && length > 0 ? { bytes: { start, length } } : {};
  const st = struct(md.get(12));
  if (st === undefined) return { column, physicalType, ...where };
  // min_value/max_value (5, 6) follow the column's sort order. The deprecated min/max (2, 1) were
  // written with signed byte order, so they are trusted only for numeric and boolean columns.
  let min = bytesOf(st.get(6)), max = bytesOf(st.get(5));
  if ((min === undefined || max === undefined) && physicalType !== PHYSICAL.BYTE_ARRAY && physicalType !== PHYSICAL.FIXED_LEN_BYTE_ARRAY) {
    min = bytesOf(st.get(2));
    max = bytesOf(st.get(1));
  }
  const nullCount = num(st.get(3));
  return { column, physicalType, ...where, ...(min && max ? { min, max } : {}), ...(nullCount !== undefined ? { nullCount } : {}) };
}

/** Reads and decodes the footer of `file`, open as `fh` (`size` bytes); errors name the file. */
export async function readFooter(fh: FileHandle, file: string, size: number): Promise<Footer> {
  if (size < 12) throw new IoError(`parquet: ${file} is not a Parquet file (${size} bytes, too short)`);
  const head = Buffer.alloc(4), tail = Buffer.alloc(8);
  await fh.read(head, 0, 4, 0);
  await fh.read(tail, 0, 8, size - 8);
  if (head.toString("latin1") !== MAGIC) throw new IoError(`parquet: ${file} is not a Parquet file (no PAR1 magic at the start)`);
  if (tail.toString("latin1", 4) !== MAGIC) {
    throw new IoError(`parquet: ${file} is truncated or not a Parquet file (no PAR1 magic at the end)`);
  }
  const len = tail.readUInt32LE(0);
  if (len <= 0 || len > size - 12) throw new IoError(`parquet: ${file} has a corrupt footer (length ${len}, file ${size} bytes)`);
  const buf = Buffer.alloc(len);
  await fh.read(buf, 0, len, size - 8 - len);
  let meta: ThriftStruct;
  try {
    meta = new CompactReader(buf).struct();
  } catch (e) {
    throw new IoError(`parquet: ${file} has a corrupt footer: ${(e as Error).message}`);
  }
  const groups = meta.get(4);
  const rowGroups: RowGroupInfo[] = (Array.isArray(groups) ? groups : []).map((g) => {
    const rg = struct(g) ?? new Map();
    const cols = rg.get(1);
    return {
      rows: num(rg.get(3)) ?? 0,
      columns: (Array.isArray(cols) ? cols : []).flatMap((c) => {
        const s = struct(c);
        const parsed = s === undefined ? null : parseColumnChunk(s);
        return parsed === null ? [] : [parsed];
      }),
    };
  });
  return { rows: num(meta.get(3)) ?? 0, rowGroups };
}
