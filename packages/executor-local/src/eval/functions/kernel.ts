// The signature of a scalar function kernel.
import type { DataType, LiteralValue } from "@lgde/core";
import type { Vec } from "../../kernels/vector.js";
import type { EvalContext } from "../context.js";

/** Arguments evaluated over the batch; `literals[i]` holds argument i's value when it is a literal (patterns, scales). */
export interface CallArgs {
  readonly args: readonly Vec[];
  readonly literals: readonly (LiteralValue | undefined)[];
  readonly length: number;
  readonly type: DataType;
  readonly ctx: EvalContext;
}

export type Kernel = (call: CallArgs) => Vec;
