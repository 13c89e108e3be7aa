/** A JSON-safe value, for options and descriptors that cross threads or processes. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
