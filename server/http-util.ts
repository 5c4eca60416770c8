import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, type Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** Agent and run ids as the real server accepts them, and nothing that could reshape a path. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const JSON_TYPE = 'application/json; charset=utf-8';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/i;
const MIN_GZIP_BYTES = 1024;

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return coding.trim() === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * Sends the headers and returns where the body goes: the response itself, or a gzip stream into
 * it when the client accepts gzip and the body is text worth compressing. `size` null = unknown
 * (streamed), which is compressed because run files can be tens of MB.
 */
export function startBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  contentType: string,
  size: number | null,
): Writable {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  const compressible = COMPRESSIBLE.test(contentType);
  if (compressible) res.setHeader('Vary', 'Accept-Encoding');
  if (compressible && (size === null || size > MIN_GZIP_BYTES) && acceptsGzip(req) && req.method !== 'HEAD') {
    res.setHeader('Content-Encoding', 'gzip');
    res.removeHeader('Content-Length');
    // The browser sees the decompressed bytes: this lets it show a progress bar for big runs.
    if (size !== null) res.setHeader('X-Uncompressed-Length', size);
    const gzip = createGzip();
    // pipeline, not pipe: a client that goes away must also tear down the gzip stream and its source.
    pipeline(gzip, res, () => {});
    return gzip;
  }
  if (size !== null) res.setHeader('Content-Length', size);
  return res;
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.setHeader('Cache-Control', 'no-store');
  startBody(req, res, status, JSON_TYPE, bytes.length).end(bytes);
}

/** The real server's error envelope. */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(req, res, status, { success: false, error: { code, message } });
}

/** Exactly what elizaOS answers for an unknown /api path, numeric code included. */
export function sendApiNotFound(req: IncomingMessage, res: ServerResponse): void {
  sendJson(req, res, 404, { success: false, error: { message: 'API endpoint not found', code: 404 } });
}

export function sendMethodNotAllowed(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Allow', 'GET');
  sendError(req, res, 405, 'METHOD_NOT_ALLOWED', `Method ${req.method ?? ''} is not allowed; this API is read-only.`);
}

export function isReadMethod(req: IncomingMessage): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/** Splits `/a/b?x=1` into its path and raw query (without `?`). */
export function splitUrl(rawUrl: string): { path: string; query: string } {
  const at = rawUrl.indexOf('?');
  return at === -1 ? { path: rawUrl, query: '' } : { path: rawUrl.slice(0, at), query: rawUrl.slice(at + 1) };
}
