// The response messages we read, as protobufjs decodes them (64-bit integers as decimal strings).

export interface KeyValueMsg { readonly key: string; readonly value?: string }

export interface ExecutePlanResponseMsg {
  readonly operationId?: string;
  readonly arrowBatch?: { readonly rowCount?: string; readonly data?: Uint8Array };
  readonly resultComplete?: Record<string, never>;
  readonly executionProgress?: ExecutionProgressMsg;
}

/** Spark 4's intermediate progress report: per stage, tasks completed of tasks and input bytes read. */
export interface ExecutionProgressMsg {
  readonly stages?: readonly {
    readonly stageId?: string;
    readonly numTasks?: string;
    readonly numCompletedTasks?: string;
    readonly inputBytesRead?: string;
    readonly done?: boolean;
  }[];
  readonly numInflightTasks?: string;
}

export interface AnalyzePlanResponseMsg {
  readonly explain?: { readonly explainString?: string };
  readonly sparkVersion?: { readonly version?: string };
}

export interface ConfigResponseMsg {
  readonly pairs?: readonly KeyValueMsg[];
  readonly warnings?: readonly string[];
}

export interface FetchErrorDetailsResponseMsg {
  readonly rootErrorIdx?: number;
  readonly errors?: readonly {
    readonly errorTypeHierarchy?: readonly string[];
    readonly message?: string;
    readonly sparkThrowable?: {
      readonly errorClass?: string;
      readonly messageParameters?: Readonly<Record<string, string>>;
      readonly sqlState?: string;
    };
  }[];
}

export interface RpcStatusMsg {
  readonly code?: number;
  readonly message?: string;
  readonly details?: readonly { readonly typeUrl?: string; readonly value?: Uint8Array }[];
}

export interface ErrorInfoMsg {
  readonly reason?: string;
  readonly domain?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}
