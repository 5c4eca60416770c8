import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline as chain, type Readable, Transform, Writable } from 'node:stream';
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
export interface Proxy {
  /** Forwards a request and sends the upstream's answer as its response. */
  (req: IncomingMessage, res: ServerResponse, path: string, query: string): void;
  /** A GET of `path` whose answer another request sends later (see upstream-handoff.ts). */
  call(path: string, query: string): UpstreamCall;
}

/** What the upstream answered, as the viewer will pass it on: our own error, or its status and checked body. */
export type UpstreamOutcome =
  | { kind: 'fault'; status: number; code: string; message: string }
  | { kind: 'answer'; status: number; contentType: string; size: number | null; headers: [string, string][]; body: Readable };

export interface UpstreamCall {
  outcome: Promise<UpstreamOutcome>;
  /** Stops the request and its body; for a caller that no longer wants the answer. */
  cancel(): void;
}

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
    readonly status = 502,
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

  const call = (method: string, path: string, query: string): UpstreamCall => {
    const target = new URL(base.origin);
    target.pathname = basePath + path;
    target.search = query;
    // Accept-Encoding identity asks for plain bytes; a server that compresses anyway is decoded below.
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'identity' };
    if (authToken) headers['x-api-key'] = authToken;

    let upstream: ClientRequest;
    try {
      upstream = send(target, { method, headers, agent });
    } catch {
      return { outcome: Promise.resolve(fault(400, 'INVALID_PATH', 'Invalid request path')), cancel: () => {} };
    }
    let body: Readable | null = null;
    let timedOut = false;
    const headerTimer = setTimeout(() => {
      timedOut = true;
      upstream.destroy(new Error('timeout'));
    }, timeoutMs);
    const outcome = new Promise<UpstreamOutcome>((settle) => {
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(headerTimer);
        if (timedOut) settle(fault(504, 'UPSTREAM_TIMEOUT', `The elizaOS server did not answer within ${seconds(timeoutMs)}`));
        else settle(fault(502, 'UPSTREAM_UNREACHABLE', `Could not reach the elizaOS server (${error.code ?? 'connection failed'})`));
      });
      upstream.on('response', (answer) => {
        clearTimeout(headerTimer);
        const unfit = checkAnswer(answer, maxBodyBytes);
        if (unfit) {
          answer.destroy();
          return settle(fault(502, unfit.code, unfit.message));
        }
        const encoding = (answer.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
        const decode = DECODERS[encoding];
        const declared = answer.headers['content-length'] === undefined ? null : Number(answer.headers['content-length']);
        const passed: [string, string][] = [];
        for (const [name, value] of Object.entries(answer.headers)) {
          if (typeof value === 'string' && (PASSED_HEADERS.includes(name) || name.startsWith('ratelimit-'))) passed.push([name, value]);
        }
        const stages: NodeJS.ReadWriteStream[] = [];
        if (decode) stages.push(decode());
        stages.push(byteLimit(maxBodyBytes));
        if (authToken) stages.push(maskSecret(authToken));
        stages.push(timeLimits(answer, timeoutMs, bodyTimeoutMs));
        // The last stage is the body; a fault anywhere in the chain destroys it with that fault.
        // @ts-expect-error pipeline's overloads do not cover a spread of transforms
        body = chain(answer, ...stages, () => {}) as Readable;
        settle({
          kind: 'answer',
          status: answer.statusCode ?? 502,
          contentType: answer.headers['content-type'] ?? 'application/json',
          // Decoded bytes have no known length; masked bytes keep theirs.
          size: decode || !Number.isFinite(declared) ? null : declared,
          headers: passed,
          body,
        });
      });
    });
    upstream.end();
    return {
      outcome,
      cancel: () => {
        clearTimeout(headerTimer);
        upstream.destroy();
        body?.destroy();
      },
    };
  };

  const forward = (req: IncomingMessage, res: ServerResponse, path: string, query: string) =>
    void sendUpstream(req, res, call(req.method ?? 'GET', path, query));
  return Object.assign(forward, { call: (path: string, query: string) => call('GET', path, query) });
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function fault(status: number, code: string, message: string): UpstreamOutcome {
  return { kind: 'fault', status, code, message };
}

/** Sends an upstream call's outcome as this response; a response that closes early cancels the call. */
export async function sendUpstream(req: IncomingMessage, res: ServerResponse, call: UpstreamCall): Promise<void> {
  res.on('close', () => {
    if (!res.writableFinished) call.cancel();
  });
  const outcome = await call.outcome;
  if (outcome.kind === 'fault') return sendError(req, res, outcome.status, outcome.code, outcome.message);
  for (const [name, value] of outcome.headers) res.setHeader(name, value);
  const sink = deferredBody(() => startBody(req, res, outcome.status, outcome.contentType, outcome.size));
  await pipeline(outcome.body, sink).catch((error: unknown) => {
    // Nothing sent yet: an honest error. Headers gone: cutting the connection is the only signal left.
    if (res.headersSent) return void res.destroy();
    if (error instanceof UpstreamFault) return sendError(req, res, error.status, error.code, error.message);
    sendError(req, res, 502, 'UPSTREAM_CLOSED', 'The elizaOS server closed the connection before sending its answer');
  });
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
  const idleFault = () => new UpstreamFault('UPSTREAM_IDLE', `The elizaOS server stopped sending its answer for ${seconds(idleMs)}`, 504);
  const slowFault = () =>
    new UpstreamFault('UPSTREAM_SLOW', `The elizaOS server took longer than ${seconds(totalMs)} to send its answer`, 504);
  const total = setTimeout(() => stage.destroy(slowFault()), totalMs);
  let idle = setTimeout(() => stage.destroy(idleFault()), idleMs);
  const stop = () => {
    clearTimeout(total);
    clearTimeout(idle);
  };
  const stage = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      clearTimeout(idle);
      idle = setTimeout(() => stage.destroy(idleFault()), idleMs);
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
