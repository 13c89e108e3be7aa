// The error an optimizer rule's bug surfaces as, naming the rule.

/** A rule failed or broke its contract (changed the plan's output schema). Always a bug in that rule. */
export class OptimizerError extends Error {
  override readonly name = "OptimizerError";
  /** The rule at fault. */
  readonly rule: string;
  constructor(rule: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.rule = rule;
  }
}
