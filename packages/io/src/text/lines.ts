// Streams a text file as chunks of lines (UTF-8, BOM stripped), with 1-based line numbers; errors name
// the file. Lines end at \n, \r\n or a lone \r, as Node's readline splits them.
//
// A chunk holds the lines of one read (~1 MiB): a reader's per-line work then runs in a plain loop.
// Awaiting each line (readline's async iterator) cost more than parsing it: ~1 µs a line in
// microtasks and generator resumptions, for JSON lines of ~50 bytes.
import { createReadStream } from "node:fs";
import { IoError } from "../util/errors.js";

/** Consecutive lines of a file: `lines[i]` is line `first + i`. */
export interface LineChunk {
  readonly first: number;
  readonly lines: readonly string[];
}

const LINE_BREAK = /\r\n|\n|\r/;
const CR = 13;

/** The index of the last line break in `text` before `end`, or -1. */
function lastBreak(text: string, end: number): number {
  const n = text.lastIndexOf("\n", end - 1);
  // A \r after the last \n: only the partial line after it is searched (all of text when there is no \n).
  for (let i = end - 1; i > n; i--) if (text.charCodeAt(i) === CR) return i;
  return n;
}

/** The lines of `text` (which holds no partial line); a plain split on \n when there is no \r. */
function splitLines(text: string): string[] {
  return text.indexOf("\r") < 0 ? text.split("\n") : text.split(LINE_BREAK);
}

/** The file's lines in chunks of whole lines, in order. `readBytes` is the size of each read (tests make it tiny). */
export async function* readLineChunks(file: string, format: string, readBytes = 1 << 20): AsyncIterable<LineChunk> {
  const input = createReadStream(file, { encoding: "utf8", highWaterMark: readBytes });
  let carry = "";
  let next = 1;
  const chunk = (lines: string[]): LineChunk => {
    if (next === 1 && lines.length > 0 && lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1);
    const c = { first: next, lines };
    next += lines.length;
    return c;
  };
  try {
    for await (const piece of input as AsyncIterable<string>) {
      const text = carry + piece;
      // A trailing \r may be the first half of a \r\n split across reads: its line waits for the next one.
      const end = text.charCodeAt(text.length - 1) === CR ? text.length - 1 : text.length;
      const at = lastBreak(text, end);
      if (at < 0) { carry = text; continue; }
      // The last break may be a \r\n: cut before both.
      const cut = text.charCodeAt(at) !== CR && at > 0 && text.charCodeAt(at - 1) === CR ? at - 1 : at;
      carry = text.slice(at + 1);
      yield chunk(splitLines(text.slice(0, cut)));
    }
    // The last line, if the file does not end with a line break (a final lone \r ends its line).
    if (carry !== "") yield chunk([carry.charCodeAt(carry.length - 1) === CR ? carry.slice(0, -1) : carry]);
  } catch (e) {
    throw new IoError(`${format}: cannot read ${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    input.destroy();
  }
}
