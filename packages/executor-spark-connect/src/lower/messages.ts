// The Spark Connect messages we build, as plain objects in protobufjs' JSON shape (camelCase
// field names, enums by name, 64-bit integers as numbers or decimal strings, bytes as Uint8Array).

/** spark.connect.DataType (the kinds our types map to). */
export type DataTypeMsg =
  | { readonly null: Record<string, never> }
  | { readonly boolean: Record<string, never> }
  | { readonly integer: Record<string, never> }
  | { readonly long: Record<string, never> }
  | { readonly double: Record<string, never> }
  | { readonly string: Record<string, never> }
  | { readonly date: Record<string, never> }
  | { readonly timestamp: Record<string, never> };

/** spark.connect.Expression.Literal */
export type LiteralMsg =
  | { readonly null: DataTypeMsg }
  | { readonly boolean: boolean }
  | { readonly integer: number }
  | { readonly long: number | string }
  | { readonly double: number }
  | { readonly string: string }
  | { readonly date: number }
  | { readonly timestamp: number | string };

export type SortDirection = "SORT_DIRECTION_ASCENDING" | "SORT_DIRECTION_DESCENDING";
export type NullOrdering = "SORT_NULLS_FIRST" | "SORT_NULLS_LAST";

export interface SortOrderMsg {
  readonly child: ExprMsg;
  readonly direction: SortDirection;
  readonly nullOrdering: NullOrdering;
}

/** spark.connect.Expression */
export type ExprMsg =
  | { readonly literal: LiteralMsg }
  | { readonly unresolvedAttribute: { readonly unparsedIdentifier: string } }
  | {
      readonly unresolvedFunction: {
        readonly functionName: string;
        readonly arguments: readonly ExprMsg[];
        readonly isDistinct?: boolean;
      };
    }
  | { readonly alias: { readonly expr: ExprMsg; readonly name: readonly string[] } }
  | { readonly cast: { readonly expr: ExprMsg; readonly type: DataTypeMsg } }
  | { readonly sortOrder: SortOrderMsg };

export type JoinTypeName =
  | "JOIN_TYPE_INNER" | "JOIN_TYPE_FULL_OUTER" | "JOIN_TYPE_LEFT_OUTER" | "JOIN_TYPE_RIGHT_OUTER"
  | "JOIN_TYPE_LEFT_ANTI" | "JOIN_TYPE_LEFT_SEMI" | "JOIN_TYPE_CROSS";

/** spark.connect.Relation (the kinds our plan lowers to). */
export type RelationMsg =
  | {
      readonly read: {
        readonly dataSource: {
          readonly format: string;
          readonly schema: string;
          readonly options: { readonly [key: string]: string };
          readonly paths: readonly string[];
        };
      };
    }
  | { readonly localRelation: { readonly data: Uint8Array } }
  | { readonly project: { readonly input: RelationMsg; readonly expressions: readonly ExprMsg[] } }
  | { readonly filter: { readonly input: RelationMsg; readonly condition: ExprMsg } }
  | {
      readonly aggregate: {
        readonly input: RelationMsg;
        readonly groupType: "GROUP_TYPE_GROUPBY";
        readonly groupingExpressions: readonly ExprMsg[];
        readonly aggregateExpressions: readonly ExprMsg[];
      };
    }
  | {
      readonly join: {
        readonly left: RelationMsg;
        readonly right: RelationMsg;
        readonly joinType: JoinTypeName;
        readonly joinCondition?: ExprMsg;
        readonly usingColumns: readonly string[];
      };
    }
  | {
      readonly deduplicate: {
        readonly input: RelationMsg;
        readonly columnNames: readonly string[];
        readonly allColumnsAsKeys?: boolean;
      };
    }
  | {
      readonly setOp: {
        readonly leftInput: RelationMsg;
        readonly rightInput: RelationMsg;
        readonly setOpType: "SET_OP_TYPE_UNION" | "SET_OP_TYPE_EXCEPT";
        readonly isAll: boolean;
        readonly byName: boolean;
      };
    }
  | { readonly sort: { readonly input: RelationMsg; readonly order: readonly SortOrderMsg[]; readonly isGlobal: boolean } }
  | { readonly limit: { readonly input: RelationMsg; readonly limit: number } };

/** Spark's save modes (WriteOperation.SaveMode). */
export type SaveModeMsg = "SAVE_MODE_APPEND" | "SAVE_MODE_OVERWRITE" | "SAVE_MODE_ERROR_IF_EXISTS" | "SAVE_MODE_IGNORE";

/** A command sent as `Plan.command`; only the write operation is used. */
export interface CommandMsg {
  readonly writeOperation: {
    readonly input: RelationMsg;
    readonly source: string;
    readonly path: string;
    readonly mode: SaveModeMsg;
    readonly partitioningColumns: readonly string[];
    readonly options: Readonly<Record<string, string>>;
  };
}
