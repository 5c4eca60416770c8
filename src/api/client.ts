import type { z } from 'zod/mini';
import { ApiError, type ApiErrorKind } from './api-error';
import { apiRequest } from './api-target';
import { errorBodySchema } from './schemas';

// The only place that talks HTTP. It returns parsed bodies or throws a typed ApiError; it never
// shows anything or redirects.

export interface ApiResponse {
  url: string;
  /** The body exactly as received. */
  text: string;
  json: unknown;
}

export interface Progress {
  received: number;
  /** From Content-Length, when the server sent one (compressed responses may not). */
  total: number | null;
}

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Give up when no byte arrives for this long. */
  idleTimeoutMs?: number;
}

export const IDLE_TIMEOUT_MS = 15_000;

export async function fetchJson(path: string, options: FetchOptions = {}): Promise<ApiResponse> {
  const { url, headers, credentials, serverName } = apiRequest(path);
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const stall = new AbortController();
  let timer = setTimeout(() => stall.abort(), idleTimeoutMs);
  const resetTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(), idleTimeoutMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, stall.signal]) : stall.signal;
  const gaveUp = () =>
    new ApiError('unreachable', `The server stopped answering: nothing arrived for ${idleTimeoutMs / 1000} s, so the viewer gave up.`, {
      url,
      code: 'CLIENT_TIMEOUT',
    });

  try {
    let response: Response;
    try {
      // Never follow a redirect: a saved key would go along to wherever it points.
      response = await fetch(url, { headers, signal, credentials, redirect: 'manual' });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (stall.signal.aborted) throw gaveUp();
      throw new ApiError('unreachable', `Could not reach ${serverName}. Is it running, and does it allow this page to call it?`, { url });
    }
    if (response.type === 'opaqueredirect') throw redirected(url, serverName);

    let text: string;
    try {
      text = await readText(response, options.onProgress, resetTimer);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (stall.signal.aborted) throw gaveUp();
      throw new ApiError('unreachable', `The connection broke while the response was downloading.`, { url, status: response.status });
    }
    if (!response.ok) throw errorFromResponse(response, text, url);

    try {
      return { url, text, json: JSON.parse(text) };
    } catch {
      const what = text.trim() === '' ? 'an empty body' : text.trimStart().startsWith('<') ? 'HTML' : 'text that is not valid JSON';
      throw new ApiError('invalid-response', `The server answered with ${what} instead of JSON.`, {
        url,
        status: response.status,
        rawBody: text,
      });
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The body of an API response as it was sent, for downloads. */
export async function fetchBlob(path: string): Promise<Blob> {
  const { url, headers, credentials } = apiRequest(path);
  const response = await fetch(url, { headers, credentials, redirect: 'manual' });
  if (response.type === 'opaqueredirect') throw redirected(url, 'the server');
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  return response.blob();
}

function redirected(url: string, serverName: string): ApiError {
  const message = `${serverName[0].toUpperCase()}${serverName.slice(1)} answered with a redirect. The viewer does not follow redirects, so a saved API key never goes anywhere else: use the server's final address.`;
  return new ApiError('invalid-response', message, { url, code: 'REDIRECT' });
}

/** Reads the body as text, reporting bytes as they arrive. */
async function readText(response: Response, onProgress: FetchOptions['onProgress'], onBytes: () => void): Promise<string> {
  if (!response.body) return '';
  // Received bytes are decompressed ones: a compressed Content-Length is no total for them.
  const header = response.headers.get('Content-Encoding')
    ? response.headers.get('X-Uncompressed-Length')
    : response.headers.get('Content-Length');
  const length = Number(header);
  const total = header && Number.isFinite(length) && length > 0 ? length : null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onBytes();
    received += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    // A few updates a second are enough for a progress bar; one per chunk would redraw it thousands of times.
    const now = performance.now();
    if (onProgress && now - reported > 100) {
      reported = now;
      onProgress({ received, total });
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Validates a response body against a schema; a mismatch is an invalid-response ApiError. */
export function parseBody<T>(schema: z.ZodMiniType<T>, response: ApiResponse): T {
  const parsed = schema.safeParse(response.json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'the response';
  throw new ApiError('invalid-response', `The response is not in the expected format (${where}: ${issue.message}).`, {
    url: response.url,
    rawBody: response.text,
  });
}

function errorFromResponse(response: Response, text: string, url: string): ApiError {
  const status = response.status;
  const { code, message } = readErrorBody(text);
  const details = { status, url, code, rawBody: text };
  const said = message ? `: ${message}` : '';
  if (status === 401 || status === 403)
    return new ApiError('unauthorized', `The elizaOS server refused the request (${status}${said}).`, details);
  if (status === 404) return new ApiError('not-found', message ?? 'Not found.', details);
  if (status === 429) {
    const retryAfterMs = retryAfter(response.headers.get('Retry-After'));
    return new ApiError('rate-limited', `The elizaOS server is rate limiting requests${said}.`, { ...details, retryAfterMs });
  }
  if (code && UPSTREAM_GONE.has(code)) return new ApiError('unreachable', message ?? 'The elizaOS server could not be reached.', details);
  // The viewer's proxy refused to pass the answer on (not JSON, an odd status): nothing raw to show.
  if (code && UPSTREAM_UNREADABLE.has(code))
    return new ApiError('invalid-response', `${message ?? 'The elizaOS server sent an answer the viewer cannot read'}.`, {
      status,
      url,
      code,
    });
  const kind: ApiErrorKind = status >= 400 && status < 500 ? 'bad-request' : 'server';
  return new ApiError(kind, `The server answered ${status}${said}.`, details);
}

/** Codes of the viewer's own proxy (server/proxy.ts). */
const UPSTREAM_GONE = new Set(['UPSTREAM_UNREACHABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_CLOSED', 'UPSTREAM_IDLE', 'UPSTREAM_SLOW']);
const UPSTREAM_UNREADABLE = new Set(['UPSTREAM_NOT_JSON', 'UPSTREAM_BAD_STATUS', 'UPSTREAM_BAD_ENCODING']);

function readErrorBody(text: string): { code?: string; message?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return {};
  const body = parsed.data;
  const error = body.error;
  if (typeof error === 'string') return { code: error, message: typeof body.message === 'string' ? body.message : error };
  return { code: error.code === undefined ? undefined : String(error.code), message: error.message };
}

/** `Retry-After` in seconds or as an HTTP date. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
