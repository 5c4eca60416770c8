import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { sendError } from './api-responses';
import { startBody } from './gzip-body';
import { maskSecret } from './secret-mask';

// Forwards the viewer's read-only calls to a real elizaOS server. The API key is added here so
// the browser never sees it; nothing from the browser is passed on, and only a JSON answer with an
// ordinary status comes back. Anything else is our own 502, which names no internal address.

export interface ProxyOptions {
  upstreamUrl: string;
  authToken?: string;
  /** Time allowed for the upstream's response headers, and between two pieces of its body. */
  timeoutMs: number;
  /** Time allowed for a whole body once its headers came; a slow drip ends here. */
  bodyTimeoutMs: number;
  maxBodyBytes: number;
}

/** `query` is already the route's own parameters (see routeQuery). */
export type Proxy = (req: IncomingMessage, res: ServerResponse, path: string, query: string) => void;

const PASSED_HEADERS = ['retry-after'];
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;
const DECODERS: Record<string, (() => Transform) | null> = {
  identity: null,
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The upstream URL as it may be shown to the operator: no credentials, no trailing slash. */
export function displayUrl(upstreamUrl: string): string {
  const url = new URL(upstreamUrl);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

class UpstreamFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createProxy({ upstreamUrl, authToken, timeoutMs, bodyTimeoutMs, maxBodyBytes }: ProxyOptions): Proxy {
  const base = new URL(upstreamUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  // Connections are reused: a run page polls every 2 s, and a new TCP (and TLS) handshake each time adds up.
  const agent =
    base.protocol === 'https:' ? new HttpsAgent({ keepAlive: true, maxSockets: 64 }) : new HttpAgent({ keepAlive: true, maxSockets: 64 });
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

  return (req, res, path, query) => {
    const target = new URL(base.origin);
    target.pathname = basePath + path;
    target.search = query;
    // Accept-Encoding identity asks for plain bytes; a server that compresses anyway is decoded below.
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'identity' };
    if (authToken) headers['x-api-key'] = authToken;

    let upstream: ClientRequest;
    try {
      upstream = send(target, { method: req.method, headers, agent });
    } catch {
      return sendError(req, res, 400, 'INVALID_PATH', 'Invalid request path');
    }
    let timedOut = false;
    const headerTimer = setTimeout(() => {
      timedOut = true;
      upstream.destroy(new Error('timeout'));
    }, timeoutMs);
    res.on('close', () => {
      clearTimeout(headerTimer);
      if (!res.writableFinished) upstream.destroy();
    });

    upstream.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(headerTimer);
      if (res.headersSent) return void res.destroy();
      if (timedOut) return sendError(req, res, 504, 'UPSTREAM_TIMEOUT', `The elizaOS server did not answer within ${seconds(timeoutMs)}`);
      sendError(req, res, 502, 'UPSTREAM_UNREACHABLE', `Could not reach the elizaOS server (${error.code ?? 'connection failed'})`);
    });

    upstream.on('response', (answer) => {
      clearTimeout(headerTimer);
      const fault = checkAnswer(answer, maxBodyBytes);
      if (fault) {
        answer.destroy();
        return sendError(req, res, 502, fault.code, fault.message);
      }
      const encoding = (answer.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      const decode = DECODERS[encoding];
      const declared = answer.headers['content-length'] === undefined ? null : Number(answer.headers['content-length']);
      // Decoded bytes have no known length; masked bytes keep theirs.
      const size = decode || !Number.isFinite(declared) ? null : declared;
      for (const name of PASSED_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && name.startsWith('ratelimit-')) res.setHeader(name, value);
      }
      const status = answer.statusCode ?? 502;
      const contentType = answer.headers['content-type'] ?? 'application/json';
      const stages: NodeJS.ReadWriteStream[] = [];
      if (decode) stages.push(decode());
      stages.push(byteLimit(maxBodyBytes));
      if (authToken) stages.push(maskSecret(authToken));
      stages.push(timeLimits(answer, timeoutMs, bodyTimeoutMs));
      const sink = deferredBody(() => startBody(req, res, status, contentType, size));
      // @ts-expect-error pipeline's overloads do not cover a spread of transforms
      pipeline(answer, ...stages, sink).catch((error: unknown) => {
        // Nothing sent yet: an honest error. Headers gone: cutting the connection is the only signal left.
        if (res.headersSent) return void res.destroy();
        const known = error instanceof UpstreamFault ? error : null;
        const code = known?.code ?? 'UPSTREAM_CLOSED';
        const message =
          code === 'UPSTREAM_IDLE'
            ? `The elizaOS server stopped sending its answer for ${seconds(timeoutMs)}`
            : code === 'UPSTREAM_SLOW'
              ? `The elizaOS server took longer than ${seconds(bodyTimeoutMs)} to send its answer`
              : (known?.message ?? 'The elizaOS server closed the connection before sending its answer');
        sendError(req, res, code === 'UPSTREAM_IDLE' || code === 'UPSTREAM_SLOW' ? 504 : 502, code, message);
      });
    });

    upstream.end();
  };
}

/** What makes an upstream answer unfit to pass on, before any of its body is read. */
function checkAnswer(answer: IncomingMessage, maxBodyBytes: number): UpstreamFault | null {
  const status = answer.statusCode ?? 0;
  if (status < 200 || status > 599 || (status >= 300 && status < 400)) {
    const what = status >= 300 && status < 400 ? 'a redirect, which the viewer does not follow' : 'not an HTTP status the viewer passes on';
    return new UpstreamFault('UPSTREAM_BAD_STATUS', `The elizaOS server answered with status ${status}: ${what}`);
  }
  const type = answer.headers['content-type'] ?? '';
  if (!JSON_MEDIA_TYPE.test(type)) {
    const what = type ? type.split(';')[0].trim().slice(0, 80) : 'no content type';
    return new UpstreamFault(
      'UPSTREAM_NOT_JSON',
      `The elizaOS server answered ${status} with ${what} instead of JSON; the viewer does not pass it on`,
    );
  }
  const encoding = (answer.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!(encoding in DECODERS)) {
    return new UpstreamFault(
      'UPSTREAM_BAD_ENCODING',
      `The elizaOS server answered in an encoding the viewer cannot read (${encoding.slice(0, 40)})`,
    );
  }
  const length = answer.headers['content-length'] === undefined ? null : Number(answer.headers['content-length']);
  if (length !== null && length > maxBodyBytes) {
    return new UpstreamFault(
      'UPSTREAM_TOO_LARGE',
      `The response from the elizaOS server is larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MB`,
    );
  }
  return null;
}

/** Fails the stream once more than `max` bytes went through (for bodies without Content-Length, and decoded ones). */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max)
        callback(
          new UpstreamFault(
            'UPSTREAM_TOO_LARGE',
            `The response from the elizaOS server is larger than ${Math.round(max / 1024 / 1024)} MB`,
          ),
        );
      else callback(null, chunk);
    },
  });
}

/** Ends a body that goes quiet for `idleMs`, or that takes longer than `totalMs` as a whole. */
function timeLimits(source: IncomingMessage, idleMs: number, totalMs: number): Transform {
  const fail = (code: string) => stage.destroy(new UpstreamFault(code, code));
  const total = setTimeout(() => fail('UPSTREAM_SLOW'), totalMs);
  let idle = setTimeout(() => fail('UPSTREAM_IDLE'), idleMs);
  const stop = () => {
    clearTimeout(total);
    clearTimeout(idle);
  };
  const stage = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      clearTimeout(idle);
      idle = setTimeout(() => fail('UPSTREAM_IDLE'), idleMs);
      callback(null, chunk);
    },
    flush(callback) {
      stop();
      callback();
    },
  });
  stage.on('close', stop);
  source.on('close', () => {
    // A source that ends early never reaches flush: the timers must not outlive it.
    if (!source.complete) stop();
  });
  return stage;
}

/**
 * A sink that sends the response headers only when the first byte of the body arrives (or the
 * body ends empty), so that an upstream that fails before its body gets an honest 502, not a 200
 * with a broken body.
 */
function deferredBody(open: () => NodeJS.WritableStream): Writable {
  let target: NodeJS.WritableStream | null = null;
  const ensure = () => (target ??= open());
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (ensure().write(chunk)) callback();
      else ensure().once('drain', () => callback());
    },
    final(callback) {
      ensure().end(() => callback());
    },
    destroy(error, callback) {
      callback(error);
    },
  });
}
