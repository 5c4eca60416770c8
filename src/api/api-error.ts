export type ApiErrorKind = 'unauthorized' | 'not-found' | 'unreachable' | 'invalid-response' | 'rate-limited' | 'bad-request' | 'server';

interface ApiErrorDetails {
  status?: number;
  url: string;
  /** The body as received, for invalid responses. */
  rawBody?: string;
  /** The server's own error code, e.g. `NOT_FOUND` or `UPSTREAM_UNREACHABLE`. */
  code?: string;
  retryAfterMs?: number;
}

/** The one error the API layer throws. Pages decide how each kind looks. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly url: string;
  readonly rawBody: string | null;
  readonly code: string | null;
  readonly retryAfterMs: number | null;

  constructor(kind: ApiErrorKind, message: string, details: ApiErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = details.status ?? null;
    this.url = details.url;
    this.rawBody = details.rawBody ?? null;
    this.code = details.code ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
