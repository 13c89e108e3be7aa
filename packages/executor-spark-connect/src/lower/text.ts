// Readable text of a lowered Relation, in protobuf's text format: what `explain()` shows and what
// the lowering snapshots compare. It is rendered from the encoded bytes decoded again, so it shows
// exactly what goes over the wire.
import * as arrow from "apache-arrow";
import protobuf from "protobufjs";
import { decode, encode, messageType } from "../proto.js";
import type { ExprMsg, RelationMsg } from "./messages.js";

/** One-line form for short messages. */
const INLINE_WIDTH = 100;

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** An Arrow IPC stream summarised: its rows and schema (the bytes themselves are unreadable). */
function arrowSummary(bytes: Uint8Array): string {
  const table = arrow.tableFromIPC(bytes);
  const fields = table.schema.fields.map((f) => `${f.name}: ${String(f.type)}`).join(", ");
  return `<Arrow IPC stream: ${table.numRows} rows; ${fields}>`;
}

function scalar(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof Uint8Array) return arrowSummary(v);
  return String(v);
}

/** Renders the set fields of a message of `type`, one per line, at `indent`, in field-number order. */
function fields(type: protobuf.Type, obj: Record<string, unknown>, indent: string): string[] {
  const lines: string[] = [];
  for (const field of type.fieldsArray.slice().sort((a, b) => a.id - b.id)) {
    const value = obj[field.name];
    if (value === undefined || value === null) continue;
    const name = snake(field.name);
    const resolved = field.resolve().resolvedType;
    const entries: unknown[] = field.map
      ? Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => ({ key: k, value: v }))
      : Array.isArray(value) ? value : [value];
    for (const v of entries) {
      if (field.map) {
        const e = v as { key: string; value: unknown };
        lines.push(`${indent}${name} { key: ${JSON.stringify(e.key)} value: ${scalar(e.value)} }`);
      } else if (resolved instanceof protobuf.Type) {
        const inner = fields(resolved, v as Record<string, unknown>, `${indent}  `);
        const flat = inner.map((l) => l.trim()).join(" ");
        if (inner.length === 0) lines.push(`${indent}${name} {}`);
        else if (indent.length + name.length + flat.length + 4 <= INLINE_WIDTH) {
          lines.push(`${indent}${name} { ${flat} }`);
        } else lines.push(`${indent}${name} {`, ...inner, `${indent}}`);
      } else if (resolved instanceof protobuf.Enum) {
        lines.push(`${indent}${name}: ${String(v)}`);
      } else {
        lines.push(`${indent}${name}: ${scalar(v)}`);
      }
    }
  }
  return lines;
}

/** A message of `typeName` as protobuf text, decoded from its own encoding. */
function messageText(typeName: string, msg: object): string {
  const wire = decode<Record<string, unknown>>(typeName, encode(typeName, msg));
  return fields(messageType(typeName), wire, "").join("\n");
}

/** The relation as protobuf text, exactly as it goes over the wire. */
export function relationText(rel: RelationMsg): string {
  return messageText("spark.connect.Relation", rel);
}

/** An expression as protobuf text, exactly as it goes over the wire. */
export function exprText(e: ExprMsg): string {
  return messageText("spark.connect.Expression", e);
}
