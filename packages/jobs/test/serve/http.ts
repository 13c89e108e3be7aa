// Small HTTP helpers for the serve tests: JSON GETs, and raw requests whose path is sent exactly as written.
import { request } from "node:http";

export interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers;
}

/** GET `path` (relative to the server's `base` URL) with fetch, parsing JSON bodies. */
export async function get(base: string, path: string, init?: RequestInit): Promise<Answer> {
  const res = await fetch(new URL(path, base), init);
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, text, headers: res.headers, body: type.startsWith("application/json") && text !== "" ? (JSON.parse(text) as unknown) : text };
}

/** Sends `path` byte for byte (fetch would normalize `..`), as a hostile client could. */
export function rawGet(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end();
  });
}
