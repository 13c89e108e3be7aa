// Loads our own .proto subset of Spark Connect at run time with protobufjs (no generated code).
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const PROTO_DIR = fileURLToPath(new URL("../proto/", import.meta.url));

let root: protobuf.Root | null = null;

/** The protobuf root holding `spark.connect.*` and `google.rpc.*` from `proto/`. */
export function protoRoot(): protobuf.Root {
  root ??= protobuf.loadSync([
    `${PROTO_DIR}spark-connect-subset.proto`,
    `${PROTO_DIR}google-rpc-status.proto`,
  ]);
  return root;
}

/** A message type by its full name, e.g. `spark.connect.Relation`. */
export function messageType(name: string): protobuf.Type {
  return protoRoot().lookupType(name);
}

/** How decoded messages become plain objects: enums by name, 64-bit integers as decimal strings. */
export const TO_OBJECT: protobuf.IConversionOptions = Object.freeze({ enums: String, longs: String, defaults: false, oneofs: false });

/** Encodes a plain object (field names in camelCase, enums by name) as `type`, checking the values' types. */
export function encode(typeName: string, value: object): Uint8Array {
  const t = messageType(typeName);
  const message = t.fromObject(value);
  const err = t.verify(message);
  if (err !== null) throw new TypeError(`spark-connect: invalid ${typeName}: ${err}`);
  return t.encode(message).finish();
}

/** Decodes bytes of `type` into a plain object (see TO_OBJECT). */
export function decode<T>(typeName: string, bytes: Uint8Array): T {
  const t = messageType(typeName);
  return t.toObject(t.decode(bytes), TO_OBJECT) as T;
}
