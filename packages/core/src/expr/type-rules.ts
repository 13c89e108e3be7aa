// Spark's type promotion: the type two operands meet at, and which comparisons are allowed.
import { AnalysisError } from "../errors.js";
import { isNumeric, type DataType } from "../types/data-type.js";

/** A resolved expression's type and nullability. */
export interface TypeInfo {
  readonly type: DataType;
  readonly nullable: boolean;
}

const NUMERIC_RANK: Partial<Record<DataType, number>> = { int32: 1, int64: 2, float64: 3 };

/**
 * The type two operands are promoted to (Spark's `findTightestCommonType`): numeric widening,
 * null adapts to the other side, date widens to timestamp. `what` names the expression in errors.
 */
export function commonType(a: DataType, b: DataType, what: string): DataType {
  if (a === b) return a;
  if (a === "null") return b;
  if (b === "null") return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) return ra >= rb ? a : b;
  if ((a === "date" && b === "timestamp") || (a === "timestamp" && b === "date")) return "timestamp";
  throw new AnalysisError(`cannot resolve ${what}: data types ${a} and ${b} are incompatible`);
}

/** Whether two types can be compared: same type, numbers, or temporal values and strings (cast as Spark does). */
export function comparable(a: DataType, b: DataType): boolean {
  if (a === "null" || b === "null" || a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  const temporal = (t: DataType) => t === "date" || t === "timestamp";
  // Spark casts a string compared with a date or timestamp to that type.
  return (temporal(a) || a === "utf8") && (temporal(b) || b === "utf8");
}

/** Casts Spark allows (non-ANSI): everything to string, numbers/bools/strings among themselves, temporal among themselves and from strings. */
export function castable(from: DataType, to: DataType): boolean {
  if (from === to || from === "null" || to === "utf8") return true;
  const num = (t: DataType) => isNumeric(t) || t === "bool";
  if (num(from) && num(to)) return true;
  if (from === "utf8") return to !== "null";
  if ((from === "date" || from === "timestamp") && (to === "date" || to === "timestamp")) return true;
  if (from === "timestamp" && isNumeric(to)) return true;
  if (isNumeric(from) && to === "timestamp") return true;
  return false;
}
