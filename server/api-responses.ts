import type { IncomingMessage, ServerResponse } from 'node:http';
import { startBody } from './gzip-body';

// The answers the /api routes give themselves, in the real elizaOS server's formats.

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Every /api answer, ours or the upstream's: never a page. Even if a body ever held markup, the
 * browser would neither sniff it nor run it at the viewer's origin.
 */
export function setApiHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
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
