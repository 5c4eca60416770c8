import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sendError, startBody } from './http-util';

// Forwards the viewer's read-only calls to a real elizaOS server. The API key is added here so
// the browser never sees it; nothing from the browser but `Accept` is passed on.

export interface ProxyOptions {
  upstreamUrl: string;
  authToken?: string;
  /** Time allowed for the upstream's response headers. */
  timeoutMs: number;
  maxBodyBytes: number;
}

export type Proxy = (req: IncomingMessage, res: ServerResponse, path: string, query: string) => void;

const PASSED_HEADERS = ['content-type', 'retry-after'];

/** The upstream URL as it may be shown: no credentials, no trailing slash. */
export function displayUrl(upstreamUrl: string): string {
  const url = new URL(upstreamUrl);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

export function createProxy({ upstreamUrl, authToken, timeoutMs, maxBodyBytes }: ProxyOptions): Proxy {
  const base = new URL(upstreamUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const shown = displayUrl(upstreamUrl);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;

  return (req, res, path, query) => {
    const target = new URL(base.origin);
    target.pathname = basePath + path;
    target.search = query;
    const headers: Record<string, string> = { accept: req.headers.accept ?? 'application/json', 'accept-encoding': 'identity' };
    if (authToken) headers['x-api-key'] = authToken;

    let upstream: ClientRequest;
    try {
      upstream = send(target, { method: req.method, headers });
    } catch {
      return sendError(req, res, 400, 'INVALID_PATH', 'Invalid request path');
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      upstream.destroy(new Error('timeout'));
    }, timeoutMs);
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) upstream.destroy();
    });

    upstream.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (res.headersSent) return void res.destroy();
      if (timedOut) {
        return sendError(req, res, 504, 'UPSTREAM_TIMEOUT', `The elizaOS server at ${shown} did not answer within ${Math.round(timeoutMs / 1000)} s`);
      }
      sendError(req, res, 502, 'UPSTREAM_UNREACHABLE', `Could not reach the elizaOS server at ${shown} (${error.code ?? error.message})`);
    });

    upstream.on('response', (answer) => {
      clearTimeout(timer);
      const length = answer.headers['content-length'] === undefined ? null : Number(answer.headers['content-length']);
      if (length !== null && length > maxBodyBytes) {
        answer.destroy();
        return tooLarge(req, res, shown, maxBodyBytes);
      }
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && (PASSED_HEADERS.includes(name) || name.startsWith('ratelimit-'))) res.setHeader(name, value);
      }
      res.setHeader('Cache-Control', 'no-store');
      const contentType = answer.headers['content-type'] ?? 'application/octet-stream';
      const body = startBody(req, res, answer.statusCode ?? 502, contentType, Number.isFinite(length) ? length : null);
      pipeline(answer, byteLimit(maxBodyBytes), body).catch(() => {
        // Headers are gone already; cutting the connection is the only honest signal left.
        res.destroy();
      });
    });

    upstream.end();
  };
}

function tooLarge(req: IncomingMessage, res: ServerResponse, shown: string, maxBodyBytes: number): void {
  const mb = Math.round(maxBodyBytes / 1024 / 1024);
  sendError(req, res, 502, 'UPSTREAM_TOO_LARGE', `The response from the elizaOS server at ${shown} is larger than ${mb} MB`);
}

/** Fails the stream once more than `max` bytes went through (for bodies without Content-Length). */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max) callback(new Error('UPSTREAM_TOO_LARGE'));
      else callback(null, chunk);
    },
  });
}
