// The jobs pass frames between steps untyped (`DataFrame<Record<string, unknown>>`).

import type { DataFrame } from "@lgde/core";

/**
 * Forgets a frame's row type. Needed because core's `DataFrame<Row>` is not assignable to
 * `DataFrame<Record<string, unknown>>` (its `union`/`na` members make it invariant in `Row`);
 * reported as an API gap. The plan and schema are unchanged: this is a compile-time view only.
 */
export function untyped<R extends object>(df: DataFrame<R>): DataFrame {
  return df as unknown as DataFrame;
}
