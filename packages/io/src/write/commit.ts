// Atomic commit of a write: everything goes to a hidden temporary directory beside the target and is
// renamed into place only when complete. Readers skip hidden names, so they never see partial output.
//
//   overwrite (unpartitioned, or partitionOverwriteMode=static): target → .target.old-*, tmp → target, rm old
//   overwrite (partitioned, dynamic: the default): the same per partition directory present in the data;
//     other partitions are untouched
//   append: each new file is renamed into the target (per-file atomic)
//   errorIfExists / ignore: checked before writing; tmp → target
import { randomUUID } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { IoError } from "../util/errors.js";
import { fsyncDir, processAlive } from "./fsync.js";

/** Where a write stages its output. */
export interface Staging {
  readonly target: string;
  readonly tmp: string;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.lstat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}

export { exists as pathExists };

const TMP = (name: string): RegExp => new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)-`);

/**
 * Cleans what a killed writer left beside `target`: temporary directories of dead processes, and
 * old copies set aside by an overwrite. If the target itself is missing but an old copy exists
 * (killed between the two renames of an overwrite), the old copy is put back.
 */
export async function recover(target: string): Promise<void> {
  const parent = path.dirname(target), name = path.basename(target);
  let entries: string[];
  try {
    entries = await fsp.readdir(parent);
  } catch {
    return;
  }
  const re = TMP(name);
  for (const e of entries.sort()) {
    const m = re.exec(e);
    if (m === null) continue;
    const full = path.join(parent, e);
    if (m[1] === "old") {
      if (!(await exists(target))) await fsp.rename(full, target);
      else await fsp.rm(full, { recursive: true, force: true });
    } else if (!processAlive(Number(m[2]))) {
      await fsp.rm(full, { recursive: true, force: true });
    }
  }
}

/** Creates the temporary directory beside the target. */
export async function stage(target: string): Promise<Staging> {
  const parent = path.dirname(target);
  await fsp.mkdir(parent, { recursive: true });
  await recover(target);
  const tmp = path.join(parent, `.${path.basename(target)}.tmp-${process.pid}-${randomUUID()}`);
  await fsp.mkdir(tmp);
  return { target, tmp };
}

/** Replaces `dest` with `src` (a directory): old aside, new in, old removed. */
async function replace(src: string, dest: string): Promise<void> {
  const parent = path.dirname(dest);
  await fsp.mkdir(parent, { recursive: true });
  await recover(dest);
  const old = path.join(parent, `.${path.basename(dest)}.old-${process.pid}-${randomUUID()}`);
  const had = await exists(dest);
  if (had) await fsp.rename(dest, old);
  await fsp.rename(src, dest);
  await fsyncDir(parent);
  if (had) await fsp.rm(old, { recursive: true, force: true });
}

/** Moves every file under `src` into the same relative place under `dest` (append). */
async function mergeInto(src: string, dest: string): Promise<void> {
  await fsp.mkdir(dest, { recursive: true });
  for (const e of await fsp.readdir(src, { withFileTypes: true })) {
    const from = path.join(src, e.name), to = path.join(dest, e.name);
    if (e.isDirectory()) await mergeInto(from, to);
    else await fsp.rename(from, to);
  }
  await fsyncDir(dest);
}

/** Leaf partition directories (relative paths like `dt=1/h=2`) under `dir`, `depth` levels deep. */
async function leafDirs(dir: string, depth: number): Promise<string[]> {
  if (depth === 0) return [""];
  const out: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    for (const sub of await leafDirs(path.join(dir, e.name), depth - 1)) out.push(sub === "" ? e.name : path.join(e.name, sub));
  }
  return out;
}

export type CommitKind = "replace" | "replacePartitions" | "append" | "create";

/** Moves a completed staging directory into place; always removes the staging directory. */
export async function commit(s: Staging, kind: CommitKind, partitionDepth: number): Promise<void> {
  try {
    await fsyncDir(s.tmp);
    switch (kind) {
      case "create":
        try {
          await fsp.rename(s.tmp, s.target);
        } catch (e) {
          throw new IoError(`cannot create ${s.target}: ${(e as Error).message}`, { cause: e });
        }
        await fsyncDir(path.dirname(s.target));
        return;
      case "replace":
        await replace(s.tmp, s.target);
        return;
      case "replacePartitions": {
        for (const leaf of await leafDirs(s.tmp, partitionDepth)) await replace(path.join(s.tmp, leaf), path.join(s.target, leaf));
        await fsp.writeFile(path.join(s.target, "_SUCCESS"), "");
        return;
      }
      case "append":
        await mergeInto(s.tmp, s.target);
        return;
    }
  } finally {
    await fsp.rm(s.tmp, { recursive: true, force: true });
  }
}

/** Removes a staging directory after a failed write. */
export async function abandon(s: Staging): Promise<void> {
  await fsp.rm(s.tmp, { recursive: true, force: true });
}
