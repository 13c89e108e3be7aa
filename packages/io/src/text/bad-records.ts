// What happens to CSV and JSON-lines records that cannot be parsed or do not fit the schema:
// FAILFAST raises an error naming file and line; otherwise they are counted, optionally kept in a
// corrupt-record column (PERMISSIVE), and written verbatim to `badRecordsPath` as JSON lines.
import { createHash, randomUUID } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import type { ExecutionContext } from "@lgde/core";
import { IoError } from "../util/errors.js";
import { stringOption, type Options } from "../util/options.js";

export type ParseMode = "FAILFAST" | "PERMISSIVE" | "DROPMALFORMED";

/** The bad-record options of a text source. */
export interface BadRecordPolicy {
  readonly mode: ParseMode;
  /** The corrupt-record column (PERMISSIVE only), else null. */
  readonly corruptColumn: string | null;
  readonly badRecordsPath: string | null;
  readonly lineNumberColumn: string | null;
}

/**
 * Reads the policy from options. Without `mode`, FAILFAST; but when `badRecordsPath` is given the run
 * must go on, so the default becomes DROPMALFORMED (bad records leave the data and go to the path).
 */
export function badRecordPolicy(o: Options, format: string): BadRecordPolicy {
  const badRecordsPath = stringOption(o, "badRecordsPath") ?? null;
  const modeText = (stringOption(o, "mode") ?? (badRecordsPath !== null ? "DROPMALFORMED" : "FAILFAST")).toUpperCase();
  if (modeText !== "FAILFAST" && modeText !== "PERMISSIVE" && modeText !== "DROPMALFORMED") {
    throw new IoError(`${format}: option "mode" must be FAILFAST, PERMISSIVE or DROPMALFORMED, got "${modeText}"`);
  }
  const mode = modeText as ParseMode;
  return {
    mode,
    corruptColumn: mode === "PERMISSIVE" ? stringOption(o, "columnNameOfCorruptRecord", "_corrupt_record") : null,
    badRecordsPath,
    lineNumberColumn: stringOption(o, "lineNumberColumn") ?? null,
  };
}

/** A bad record as written to `badRecordsPath`. */
export interface BadRecord {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly record: string;
}

const MAX_SHOWN = 200;

/** The rejects file of one source file: a stable name, so a re-read replaces rather than duplicates it. */
export function rejectsFileName(sourceFile: string): string {
  const hash = createHash("sha1").update(path.resolve(sourceFile)).digest("hex").slice(0, 12);
  return `rejects-${path.basename(sourceFile).replace(/[^\w.-]/g, "_")}-${hash}.json`;
}

/** Collects the bad records of one source file while it is read. */
export class BadRecordCollector {
  private readonly kept: string[] = [];
  count = 0;

  constructor(
    readonly policy: BadRecordPolicy,
    readonly format: string,
    readonly file: string,
    private readonly ctx: ExecutionContext | undefined,
  ) {}

  /** Records a bad record; throws in FAILFAST mode. */
  report(line: number, reason: string, record: string): void {
    if (this.policy.mode === "FAILFAST") {
      const shown = record.length > MAX_SHOWN ? `${record.slice(0, MAX_SHOWN)}...` : record;
      throw new IoError(`${this.format}: malformed record in ${this.file} at line ${line}: ${reason}: ${shown}` +
        ` (set mode PERMISSIVE or badRecordsPath to keep going)`);
    }
    this.count++;
    if (this.policy.badRecordsPath !== null) {
      this.kept.push(JSON.stringify({ file: this.file, line, reason, record } satisfies BadRecord));
    }
  }

  /**
   * Writes the rejects file (atomically, replacing an earlier read's) or removes a stale one, and
   * reports the count as a progress event `{ task: "rejects <format> <file>", rows: count, done: true }`.
   */
  async finish(): Promise<void> {
    const dir = this.policy.badRecordsPath;
    if (dir !== null) {
      const target = path.join(dir, rejectsFileName(this.file));
      if (this.kept.length > 0) {
        await fsp.mkdir(dir, { recursive: true });
        const tmp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${randomUUID()}`);
        await fsp.writeFile(tmp, `${this.kept.join("\n")}\n`, "utf8");
        await fsp.rename(tmp, target);
      } else {
        await fsp.rm(target, { force: true });
      }
    }
    if (this.count > 0 || dir !== null) this.ctx?.onProgress?.({ task: `rejects ${this.format} ${this.file}`, rows: this.count, done: true });
  }
}

/**
 * Reads back everything under a `badRecordsPath`: the bad records and their count. This is how a
 * caller learns how many records a read rejected (also reported through `ctx.onProgress`).
 */
export async function readBadRecords(badRecordsPath: string): Promise<BadRecord[]> {
  let names: string[];
  try {
    names = await fsp.readdir(badRecordsPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const out: BadRecord[] = [];
  for (const n of names.filter((x) => x.startsWith("rejects-")).sort()) {
    const text = await fsp.readFile(path.join(badRecordsPath, n), "utf8");
    for (const line of text.split("\n")) if (line.length > 0) out.push(JSON.parse(line) as BadRecord);
  }
  return out;
}
