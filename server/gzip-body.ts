import type { ServerResponse } from 'node:http';
import type { RequestHead } from './request-guards';
import { pipeline, type Writable } from 'node:stream';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';

// Where a response body goes: straight into the response, or through gzip when the client takes it.

const gzipAsync = promisify(gzip);

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/i;
const MIN_GZIP_BYTES = 1024;

export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

export function acceptsGzip(req: RequestHead): boolean {
  const header = req.headers['accept-encoding'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return coding.trim() === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** True when startBody would compress a body of this type and size for this request. */
export function willGzip(req: RequestHead, contentType: string, size: number | null): boolean {
  return isCompressible(contentType) && (size === null || size > MIN_GZIP_BYTES) && acceptsGzip(req) && req.method !== 'HEAD';
}

/**
 * Sends the headers and returns where the body goes: the response itself, or a gzip stream into
 * it when the client accepts gzip and the body is text worth compressing. `size` null = unknown
 * (streamed), which is compressed because run files can be tens of MB.
 */
export function startBody(req: RequestHead, res: ServerResponse, status: number, contentType: string, size: number | null): Writable {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  if (isCompressible(contentType)) res.setHeader('Vary', 'Accept-Encoding');
  if (willGzip(req, contentType, size)) {
    setGzipped(res, size);
    res.removeHeader('Content-Length');
    const gzip = createGzip();
    // pipeline, not pipe: a client that goes away must also tear down the gzip stream and its source.
    pipeline(gzip, res, () => {});
    return gzip;
  }
  if (size !== null) res.setHeader('Content-Length', size);
  return res;
}

/** Marks the response as gzip of `size` bytes (null = unknown). */
export function setGzipped(res: ServerResponse, size: number | null): void {
  res.setHeader('Content-Encoding', 'gzip');
  // The browser sees the decompressed bytes: this lets it show a progress bar for big runs.
  if (size !== null) res.setHeader('X-Uncompressed-Length', size);
}

/**
 * A body answered many times (a polled run, the same runs list page): its bytes, and its gzip,
 * made once off the event loop by the first request that takes gzip and then shared.
 */
export interface PreparedBody {
  bytes: Buffer;
  gzipped: Promise<Buffer> | null;
}

export function preparedBody(bytes: Buffer): PreparedBody {
  return { bytes, gzipped: null };
}

/** Sends a prepared body whole, gzipped when the client takes it, with its exact length either way. */
export async function sendPrepared(
  req: RequestHead,
  res: ServerResponse,
  status: number,
  contentType: string,
  body: PreparedBody,
): Promise<void> {
  let bytes = body.bytes;
  if (willGzip(req, contentType, bytes.length)) {
    const pending = (body.gzipped ??= gzipAsync(bytes));
    const gzipped = await pending.catch(() => {
      // Not kept: the next request tries again; this one goes uncompressed.
      if (body.gzipped === pending) body.gzipped = null;
      return null;
    });
    if (gzipped) {
      setGzipped(res, bytes.length);
      bytes = gzipped;
    }
  }
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  if (isCompressible(contentType)) res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Length', bytes.length);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
