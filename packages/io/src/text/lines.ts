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
const CR = 13, LF = 10;

/** The index of the last line break in `text` at or after `from`, or -1. */
function lastBreak(text: string, from: number): number {
  const n = text.lastIndexOf("\n");
  // A \r after the last \n: only the partial line after it is searched (all of text when there is no \n).
  for (let i = text.length - 1; i > n && i >= from; i--) if (text.charCodeAt(i) === CR) return i;
  return n >= from ? n : -1;
}

/** The lines of `text` (which holds no partial line); a plain split on \n when there is no \r. */
function splitLines(text: string): string[] {
  return text.indexOf("\r") < 0 ? text.split("\n") : text.split(LINE_BREAK);
}

/** The file's lines in chunks of whole lines, in order. `readBytes` is the size of each read (tests make it tiny). */
export async function* readLineChunks(file: string, format: string, readBytes = 1 << 20): AsyncIterable<LineChunk> {
  const input = createReadStream(file, { encoding: "utf8", highWaterMark: readBytes });
  // The line begun in earlier reads, in pieces that hold no line break: a long line is searched and
  // joined once, not again with every read.
  let partial: string[] = [];
  // The last read ended with \r: a \n starting the next one is the second half of that break.
  let skipLF = false;
  let next = 1;
  const chunk = (lines: string[]): LineChunk => {
    if (next === 1 && lines.length > 0 && lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1);
    const c = { first: next, lines };
    next += lines.length;
    return c;
  };
  try {
    for await (const piece of input as AsyncIterable<string>) {
      const start = skipLF && piece.charCodeAt(0) === LF ? 1 : 0;
      skipLF = false;
      const at = lastBreak(piece, start);
      if (at < 0) { if (start < piece.length) partial.push(start === 0 ? piece : piece.slice(start)); continue; }
      // The last break may be a \r\n: cut before both.
      const cut = piece.charCodeAt(at) === LF && at > start && piece.charCodeAt(at - 1) === CR ? at - 1 : at;
      partial.push(piece.slice(start, cut));
      const lines = splitLines(partial.length === 1 ? partial[0]! : partial.join(""));
      partial = at + 1 < piece.length ? [piece.slice(at + 1)] : [];
      skipLF = at === piece.length - 1 && piece.charCodeAt(at) === CR;
      yield chunk(lines);
    }
    // The last line, if the file does not end with a line break.
    if (partial.length > 0) yield chunk([partial.join("")]);
  } catch (e) {
    throw new IoError(`${format}: cannot read ${file}: ${(e as Error).message}`, { cause: e });
  } finally {
    input.destroy();
  }
}
