// An error that maps to an HTTP status, for what the client got wrong (400, 404, 405).

/** Thrown by request handlers; the server answers with `status` and `{ "error": message }`. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: 400 | 404 | 405,
    message: string,
  ) {
    super(message);
  }
}
