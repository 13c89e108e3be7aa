// Argument checks and return types of scalar and aggregate functions, by Spark's names.
import { AnalysisError } from "../errors.js";
import { isIntegral, isNumeric, type DataType } from "../types/data-type.js";
import type { AggregateFunctionName, ScalarFunctionName } from "./expr.js";
import { commonType, type TypeInfo } from "./type-rules.js";

type ScalarTyper = (args: readonly TypeInfo[], what: string) => TypeInfo;

function arity(what: string, args: readonly TypeInfo[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new AnalysisError(`${what}: expected ${expected} arguments, got ${args.length}`);
  }
}

function expectType(what: string, arg: TypeInfo | undefined, ok: (t: DataType) => boolean, expected: string): void {
  if (arg && arg.type !== "null" && !ok(arg.type)) {
    throw new AnalysisError(`${what}: argument must be ${expected}, got ${arg.type}`);
  }
}

const anyNullable = (args: readonly TypeInfo[]) => args.some((a) => a.nullable);
const isString = (t: DataType) => t === "utf8";
const isTemporalOrString = (t: DataType) => t === "utf8" || t === "date" || t === "timestamp";

const stringFn = (type: DataType): ScalarTyper => (args, what) => {
  arity(what, args, 1);
  expectType(what, args[0], isString, "a string");
  return { type, nullable: anyNullable(args) };
};

const datePart: ScalarTyper = (args, what) => {
  arity(what, args, 1);
  expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
  return { type: "int32", nullable: true };
};

/** Return types of scalar functions, by Spark's names. */
export const SCALAR_TYPES: Readonly<Record<ScalarFunctionName, ScalarTyper>> = {
  coalesce: (args, what) => {
    if (args.length === 0) throw new AnalysisError(`${what}: expected at least one argument`);
    const type = args.reduce<DataType>((t, a) => commonType(t, a.type, what), "null");
    return { type, nullable: args.every((a) => a.nullable) };
  },
  concat: (args) => ({ type: "utf8", nullable: anyNullable(args) }),
  lower: stringFn("utf8"),
  upper: stringFn("utf8"),
  trim: stringFn("utf8"),
  length: stringFn("int32"),
  substring: (args, what) => {
    arity(what, args, 2, 3);
    expectType(what, args[1], isIntegral, "an integer position");
    expectType(what, args[2], isIntegral, "an integer length");
    return { type: "utf8", nullable: anyNullable(args) };
  },
  abs: (args, what) => {
    arity(what, args, 1);
    expectType(what, args[0], isNumeric, "numeric");
    return { type: args[0]!.type === "null" ? "int32" : args[0]!.type, nullable: args[0]!.nullable };
  },
  round: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], isNumeric, "numeric");
    expectType(what, args[1], isIntegral, "an integer scale");
    return { type: args[0]!.type === "null" ? "float64" : args[0]!.type, nullable: args[0]!.nullable };
  },
  from_unixtime: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], (t) => isNumeric(t) || t === "utf8", "seconds since the epoch");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "utf8", nullable: true };
  },
  unix_timestamp: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "int64", nullable: true };
  },
  to_timestamp: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], (t) => isTemporalOrString(t) || isNumeric(t), "a date, timestamp, string or number");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "timestamp", nullable: true };
  },
  to_date: (args, what) => {
    arity(what, args, 1, 2);
    expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "date", nullable: true };
  },
  date_format: (args, what) => {
    arity(what, args, 2);
    expectType(what, args[0], isTemporalOrString, "a date, timestamp or string");
    expectType(what, args[1], isString, "a pattern string");
    return { type: "utf8", nullable: true };
  },
  year: datePart,
  month: datePart,
  dayofmonth: datePart,
  hour: datePart,
};

type AggregateTyper = (args: readonly TypeInfo[], what: string) => TypeInfo;

export const AGGREGATE_TYPES: Readonly<Record<AggregateFunctionName, AggregateTyper>> = {
  count: () => ({ type: "int64", nullable: false }),
  sum: (args, what) => {
    arity(what, args, 1);
    expectType(what, args[0], isNumeric, "numeric");
    const t = args[0]!.type;
    return { type: t === "float64" ? "float64" : "int64", nullable: true };
  },
  avg: (args, what) => {
    arity(what, args, 1);
    expectType(what, args[0], isNumeric, "numeric");
    return { type: "float64", nullable: true };
  },
  min: (args, what) => {
    arity(what, args, 1);
    return { type: args[0]!.type, nullable: true };
  },
  max: (args, what) => {
    arity(what, args, 1);
    return { type: args[0]!.type, nullable: true };
  },
  first: (args, what) => {
    arity(what, args, 1);
    return { type: args[0]!.type, nullable: true };
  },
};
