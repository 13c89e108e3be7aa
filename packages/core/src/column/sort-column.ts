// SortColumn: a sort key (`col("a").desc()`, `asc("b")`) for orderBy/sort.
import type { SortOrder } from "../expr/expr.js";

/** A sort key: an expression with its direction and null placement. `Refs` are the columns it reads. */
export class SortColumn<Refs extends string = string> {
  declare readonly __refs?: Refs;
  /** The frozen sort order. */
  readonly order: SortOrder;

  constructor(order: SortOrder) {
    this.order = Object.freeze({ ...order });
    Object.freeze(this);
  }

  /** The same key with nulls placed first. */
  nullsFirst(): SortColumn<Refs> {
    return new SortColumn({ ...this.order, nullsFirst: true });
  }
  /** The same key with nulls placed last. */
  nullsLast(): SortColumn<Refs> {
    return new SortColumn({ ...this.order, nullsFirst: false });
  }
}
