// The schema of a positional set operation (union, except): left's names, widened types.
import { AnalysisError } from "../../errors.js";
import { commonType } from "../../expr/resolve.js";
import { field, schema as makeSchema, type Schema } from "../../types/data-type.js";

export function setOperationSchema(op: string, inputs: readonly Schema[], nullableFromAll: boolean): Schema {
  const first = inputs[0];
  if (!first) throw new AnalysisError(`${op} needs at least one input`);
  for (const [i, s] of inputs.entries()) {
    if (s.fields.length !== first.fields.length) {
      throw new AnalysisError(
        `${op} can only be performed on inputs with the same number of columns: the first has ${first.fields.length} ` +
          `(${first.fields.map((f) => f.name).join(", ")}), input ${i + 1} has ${s.fields.length} (${s.fields.map((f) => f.name).join(", ")})`,
      );
    }
  }
  return makeSchema(first.fields.map((f, c) => {
    let type = f.type;
    let nullable = f.nullable;
    for (const s of inputs.slice(1)) {
      const other = s.fields[c]!;
      type = commonType(type, other.type, `${op} column ${c + 1} (${f.name})`);
      if (nullableFromAll) nullable ||= other.nullable;
    }
    return field(f.name, type, nullable);
  }));
}
