import type { IncomingMessage, ServerResponse } from 'node:http';
import { open, readFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { JSON_TYPE } from './api-responses';
import { preparedBody, sendPrepared, setGzipped, startBody, willGzip, type PreparedBody } from './gzip-body';
import { BudgetCache } from './budget-cache';
import { fileVersion, versionSize, type IndexedRun } from './run-index';

// Sends a run file exactly as it is on disk. A run page polls its run every 2 s, so the bytes of
// small files are kept (least recently used first out, within a byte budget) while the index says
// the file has not changed, with their gzip made once, off the event loop, by the first request that
// takes gzip. Big files are streamed, exactly as long as announced: one that grows while it is sent
// stops at the announced length, one that shrinks cuts the connection, so the next response on a
// keep-alive connection can never be read as part of this one. The gzip of a big file is kept too
// (it is a tenth of the file): gzipping a 12 MB run costs ~125 ms of CPU, on every browser request.

export interface RunFilesOptions {
  /** Default 32 MB. */
  cacheBytes?: number;
  /** Files up to this size are read whole and kept. Default 1 MB. */
  maxCachedFileBytes?: number;
  /** For the gzip of bigger files, made while the first browser's request streams them. Default 64 MB. */
  gzipCacheBytes?: number;
}

/** false when the file could not be read (gone since the index saw it). */
export type SendRunFile = (req: IncomingMessage, res: ServerResponse, run: IndexedRun) => Promise<boolean>;

export function createRunFiles({
  cacheBytes = 32 * 1024 * 1024,
  maxCachedFileBytes = 1024 * 1024,
  gzipCacheBytes = 64 * 1024 * 1024,
}: RunFilesOptions = {}): SendRunFile {
  /** By path; a kept body counts its bytes and, once made, their gzip. */
  const bodies = new BudgetCache<PreparedBody>(cacheBytes);
  const bigGzips = new BudgetCache<Buffer>(gzipCacheBytes);

  function keep(path: string, version: string, bytes: Buffer): PreparedBody {
    const body = preparedBody(bytes);
    bodies.set(path, version, body, bytes.length);
    return body;
  }

  async function send(req: IncomingMessage, res: ServerResponse, path: string, body: PreparedBody): Promise<true> {
    res.setHeader('Cache-Control', 'no-store');
    const gzippedBefore = body.gzipped;
    await sendPrepared(req, res, 200, JSON_TYPE, body);
    // This request made the gzip: it counts against the budget too, while the body is kept.
    if (gzippedBefore === null && body.gzipped)
      body.gzipped.then(
        (gzipped) => bodies.grow(path, body, gzipped.length),
        () => {},
      );
    return true;
  }

  return async (req, res, run) => {
    const hit = bodies.get(run.path, run.version);
    if (hit) return send(req, res, run.path, hit);
    const size = versionSize(run.version);
    if (size <= maxCachedFileBytes) {
      const bytes = await readFile(run.path).catch(() => null);
      if (!bytes) return false;
      // A file that changed since the index saw it is sent as read, and not kept.
      const body = bytes.length === size ? keep(run.path, run.version, bytes) : preparedBody(bytes);
      return send(req, res, run.path, body);
    }
    if (!willGzip(req, JSON_TYPE, size)) return streamFile(req, res, run.path);
    const gzipped = bigGzips.get(run.path, run.version);
    if (gzipped) {
      jsonHead(res);
      setGzipped(res, size);
      res.setHeader('Content-Length', gzipped.length);
      res.end(gzipped);
      return true;
    }
    return streamFile(req, res, run.path, (bytes, version) => {
      if (version === run.version) bigGzips.set(run.path, run.version, bytes, bytes.length);
    });
  };
}

/**
 * Streams the file. With `keepGzip`, the client takes gzip: the file is gzipped on the way and,
 * when it was sent whole, the gzip is handed over with the version (index format) of what was read.
 */
async function streamFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  keepGzip?: (gzipped: Buffer, version: string) => void,
): Promise<boolean> {
  const handle = await open(path).catch(() => null);
  if (!handle) return false;
  try {
    const info = await handle.stat();
    const size = info.size;
    const read = () => handle.createReadStream({ start: 0, end: size - 1, autoClose: false });
    // Headers are sent: cutting the connection is the only honest signal left.
    const cut = (error: unknown) => {
      res.destroy();
      if ((error as Error).message !== 'SHORT_READ') throw error;
      return false;
    };
    if (keepGzip && size > 0) {
      jsonHead(res);
      setGzipped(res, size);
      const chunks: Buffer[] = [];
      const whole = await pipeline(read(), exactly(size), createGzip(), collect(chunks), res).then(() => true, cut);
      if (whole) keepGzip(Buffer.concat(chunks), fileVersion(info));
      return true;
    }
    res.setHeader('Cache-Control', 'no-store');
    const body = startBody(req, res, 200, JSON_TYPE, size);
    if (req.method === 'HEAD' || size === 0) {
      body.end();
      return true;
    }
    res.strictContentLength = true;
    await pipeline(read(), exactly(size), body).catch(cut);
    return true;
  } finally {
    await handle.close();
  }
}

/** The head of a run file's 200 whose body the caller sends. */
function jsonHead(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Vary', 'Accept-Encoding');
}

/** Passes chunks on and keeps a copy of each. */
function collect(chunks: Buffer[]): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback(null, chunk);
    },
  });
}

/** Fails when the stream ends before `size` bytes. */
function exactly(size: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      callback(seen === size ? null : new Error('SHORT_READ'));
    },
  });
}
