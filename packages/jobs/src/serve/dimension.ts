// The user dimension of a day (R/dim_users/dt=D/, Parquet), read through the library, paged for the API.
import { stat } from "node:fs/promises";
import { Session } from "@lgde/core";
import { local } from "@lgde/executor-local";
import { io } from "@lgde/io";
import { paths } from "../paths.js";
import { HttpError } from "./http-error.js";

/** One page of a day's dimension, ordered by `d_uid`. */
export interface DimensionPage {
  readonly dt: string;
  /** Rows in the whole day's dimension. */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly rows: readonly Record<string, unknown>[];
}

export interface DimensionReader {
  page(day: string, limit: number, offset: number): Promise<DimensionPage>;
  close(): Promise<void>;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}

/** A reader over `warehouse`, with one engine session opened on first use and stopped by `close()`. */
export function dimensionReader(warehouse: string): DimensionReader {
  let spark: Session | null = null;
  const session = (): Session => (spark ??= Session.builder().appName("lgde-serve").executor(local()).use(io()).getOrCreate());
  return Object.freeze({
    async page(day: string, limit: number, offset: number): Promise<DimensionPage> {
      // `day` was validated as 8 digits of a calendar day before it reaches this path.
      const dir = paths.dimension(warehouse, day);
      if (!(await isDirectory(dir))) throw new HttpError(404, `no user dimension for day ${day}`);
      const df = await session().read.parquet(dir);
      const total = await df.count();
      // The API has no offset: take the first offset + limit rows in d_uid order and drop the first offset.
      const rows = offset >= total ? [] : (await df.orderBy("d_uid").limit(offset + limit).collect()).slice(offset);
      return { dt: day, total, limit, offset, rows };
    },
    async close(): Promise<void> {
      if (spark !== null) await spark.stop();
      spark = null;
    },
  });
}
