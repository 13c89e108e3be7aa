// Streams a text file line by line (UTF-8, BOM stripped), with 1-based line numbers; errors name the file.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { IoError } from "../util/errors.js";

export async function* readLines(file: string, format: string): AsyncIterable<{ line: number; text: string }> {
  const input = createReadStream(file, { encoding: "utf8" });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of rl) {
      line++;
      yield { line, text: line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    }
  } catch (e) {
    throw new IoError(`${format}: cannot read ${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    rl.close();
    input.destroy();
  }
}
