// Lists the data files under a path, skipping markers and temporary write directories,
// and discovers Hive-style partition directories (`dt=20201025/`).
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { IoError } from "../util/errors.js";

/** Spark's directory name for a null partition value. */
export const HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

/** One data file and the partition values of the directories above it (null for the Hive default). */
export interface DataFile {
  readonly path: string;
  readonly size: number;
  readonly partitionValues: Readonly<Record<string, string | null>>;
}

export interface Listing {
  readonly files: readonly DataFile[];
  /** Partition column names, outermost first. */
  readonly partitionColumns: readonly string[];
}

/**
 * Whether a directory entry is ignored: hidden and `_`-prefixed names (`_SUCCESS`, `_temporary`,
 * our `.name.tmp-*` write directories, `.crc` side files) and `.crc` checksums.
 */
export function isIgnored(name: string): boolean {
  return name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc");
}

/** Escapes a partition value for a directory name as Spark does (`%XX` for unsafe characters). */
export function escapePartitionValue(v: string | null): string {
  if (v === null || v === "") return HIVE_DEFAULT_PARTITION;
  return v.replace(/[\u0000-\u001f"#%'*/:=?\\\u007f{}[\]^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function unescapePartitionValue(v: string): string | null {
  if (v === HIVE_DEFAULT_PARTITION) return null;
  return v.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Partition directories are `name=value`. */
function partitionOf(dirName: string): [string, string | null] | null {
  const eq = dirName.indexOf("=");
  if (eq <= 0) return null;
  return [dirName.slice(0, eq), unescapePartitionValue(dirName.slice(eq + 1))];
}

/** Throws an error naming the path when it does not exist. */
export async function statOrThrow(p: string, format: string): Promise<import("node:fs").Stats> {
  try {
    return await fsp.stat(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new IoError(`${format}: path does not exist: ${p}`);
    throw new IoError(`${format}: cannot read ${p}: ${(e as Error).message}`);
  }
}

/**
 * The data files under each root (a file or a directory, recursively), sorted by path.
 * `accept` filters file names (e.g. by extension); files directly named as roots are always taken.
 */
export async function listDataFiles(roots: readonly string[], format: string, accept: (name: string) => boolean = () => true): Promise<Listing> {
  const files: DataFile[] = [];
  let columns: string[] | null = null;
  const walk = async (dir: string, values: Record<string, string | null>, keys: string[]): Promise<void> => {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (isIgnored(e.name)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        const part = partitionOf(e.name);
        if (part === null) await walk(full, values, keys);
        else await walk(full, { ...values, [part[0]]: part[1] }, [...keys, part[0]]);
      } else if (e.isFile() && accept(e.name)) {
        if (columns === null) columns = keys;
        else if (columns.join("/") !== keys.join("/")) {
          throw new IoError(`${format}: conflicting partition directory layouts under ${dir}: ` +
            `[${columns.join(", ")}] and [${keys.join(", ")}] (at ${full})`);
        }
        const st = await fsp.stat(full);
        files.push({ path: full, size: st.size, partitionValues: values });
      }
    }
  };
  for (const root of roots) {
    const st = await statOrThrow(root, format);
    if (st.isDirectory()) await walk(root, {}, []);
    else files.push({ path: root, size: st.size, partitionValues: {} });
  }
  return { files, partitionColumns: columns ?? [] };
}
