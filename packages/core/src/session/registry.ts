// The session's source and sink providers by format, filled by plugins (`use(io())`).
import { AnalysisError } from "../errors.js";
import type { Plugin, SinkProvider, SourceProvider, SourceRegistry } from "../execution/source.js";

function unknownFormat(kind: "source" | "sink", format: string, installed: readonly string[]): AnalysisError {
  const list = installed.length === 0 ? "none" : installed.join(", ");
  return new AnalysisError(
    `no ${kind} for format "${format}"; installed ${kind} formats: ${list}. ` +
    `Install a plugin that provides it, e.g. Session.builder().use(io()) with io from @lgde/io`,
  );
}

/** Providers registered by plugins; a later plugin's provider for the same format replaces an earlier one. */
export class Registry implements SourceRegistry {
  private readonly sources = new Map<string, SourceProvider>();
  private readonly sinks = new Map<string, SinkProvider>();

  constructor(plugins: readonly Plugin[] = []) {
    for (const p of plugins) {
      for (const s of p.sources ?? []) this.sources.set(s.format.toLowerCase(), s);
      for (const s of p.sinks ?? []) this.sinks.set(s.format.toLowerCase(), s);
    }
  }

  source(format: string): SourceProvider {
    const p = this.sources.get(format.toLowerCase());
    if (!p) throw unknownFormat("source", format, [...this.sources.keys()]);
    return p;
  }

  sink(format: string): SinkProvider {
    const p = this.sinks.get(format.toLowerCase());
    if (!p) throw unknownFormat("sink", format, [...this.sinks.keys()]);
    return p;
  }

  /** Formats that can be read. */
  sourceFormats(): string[] {
    return [...this.sources.keys()];
  }

  /** Formats that can be written. */
  sinkFormats(): string[] {
    return [...this.sinks.keys()];
  }
}
