// CSV reader and writer options, with Spark's names and defaults (escape differs: see README).
import { IoError } from "../util/errors.js";
import { boolOption, stringOption, type Options } from "../util/options.js";

export interface CsvOptions {
  readonly header: boolean;
  readonly inferSchema: boolean;
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly nullValue: string;
}

function oneChar(o: Options, keys: readonly string[], fallback: string): string {
  for (const k of keys) {
    const v = stringOption(o, k);
    if (v !== undefined) {
      const unescaped = v === "\\t" ? "\t" : v;
      if (unescaped.length !== 1) throw new IoError(`csv: option "${k}" must be one character, got ${JSON.stringify(v)}`);
      return unescaped;
    }
  }
  return fallback;
}

export function csvOptions(o: Options): CsvOptions {
  return {
    header: boolOption(o, "header", false),
    inferSchema: boolOption(o, "inferSchema", false),
    delimiter: oneChar(o, ["sep", "delimiter"], ","),
    quote: oneChar(o, ["quote"], '"'),
    escape: oneChar(o, ["escape"], '"'),
    nullValue: stringOption(o, "nullValue", ""),
  };
}
