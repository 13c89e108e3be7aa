// What expression evaluation needs from the query: the session time zone.
import { zoneOf, type Zone } from "@lgde/core";

export interface EvalContext {
  readonly zone: Zone;
}

export function evalContext(timeZone: string): EvalContext {
  return { zone: zoneOf(timeZone) };
}
