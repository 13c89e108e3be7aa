// Durability helpers: fsync of files and directories (a rename is durable only once its directory is synced).
import { promises as fsp } from "node:fs";

export async function fsyncDir(dir: string): Promise<void> {
  let fh: import("node:fs/promises").FileHandle | undefined;
  try {
    fh = await fsp.open(dir, "r");
    await fh.sync();
  } catch {
    // Some file systems refuse to sync directories; the data files themselves were synced.
  } finally {
    await fh?.close();
  }
}

/** Whether a process id is alive (for cleaning up temporary directories left by killed writers). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
