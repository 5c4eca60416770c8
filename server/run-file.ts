import type { IncomingMessage, ServerResponse } from 'node:http';
import { open, readFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { JSON_TYPE } from './api-responses';
import { preparedBody, sendPrepared, startBody, type PreparedBody } from './gzip-body';
import type { IndexedRun } from './run-index';

// Sends a run file exactly as it is on disk. A run page polls its run every 2 s, so the bytes of
// small files are kept (least recently used first out, within a byte budget) while the index says
// the file has not changed, with their gzip made once, off the event loop, by the first request that
// takes gzip. Big files are streamed, exactly as long as announced: one that grows while it is sent
// stops at the announced length, one that shrinks cuts the connection, so the next response on a
// keep-alive connection can never be read as part of this one.

export interface RunFilesOptions {
  /** Default 32 MB. */
  cacheBytes?: number;
  /** Files up to this size are read whole and kept. Default 1 MB. */
  maxCachedFileBytes?: number;
}

/** false when the file could not be read (gone since the index saw it). */
export type SendRunFile = (req: IncomingMessage, res: ServerResponse, run: IndexedRun) => Promise<boolean>;

export function createRunFiles({ cacheBytes = 32 * 1024 * 1024, maxCachedFileBytes = 1024 * 1024 }: RunFilesOptions = {}): SendRunFile {
  /** By path, least recently used first; `size` counts the bytes and, once made, their gzip. */
  const cache = new Map<string, { version: string; body: PreparedBody; size: number }>();
  let cached = 0;

  function evict(): void {
    for (const [oldest, entry] of cache) {
      if (cached <= cacheBytes) break;
      cache.delete(oldest);
      cached -= entry.size;
    }
  }

  function keep(path: string, version: string, bytes: Buffer): PreparedBody {
    const old = cache.get(path);
    if (old) cached -= old.size;
    cache.delete(path);
    const entry = { version, body: preparedBody(bytes), size: bytes.length };
    cache.set(path, entry);
    cached += entry.size;
    evict();
    return entry.body;
  }

  async function send(req: IncomingMessage, res: ServerResponse, path: string, body: PreparedBody): Promise<true> {
    res.setHeader('Cache-Control', 'no-store');
    const gzippedBefore = body.gzipped;
    await sendPrepared(req, res, 200, JSON_TYPE, body);
    // This request made the gzip: it counts against the budget too, while the body is kept.
    if (gzippedBefore === null && body.gzipped) {
      body.gzipped.then(
        (gzipped) => {
          const entry = cache.get(path);
          if (entry?.body !== body) return;
          entry.size += gzipped.length;
          cached += gzipped.length;
          evict();
        },
        () => {},
      );
    }
    return true;
  }

  return async (req, res, run) => {
    const hit = cache.get(run.path);
    if (hit?.version === run.version) {
      // Most recently used last.
      cache.delete(run.path);
      cache.set(run.path, hit);
      return send(req, res, run.path, hit.body);
    }
    const size = Number(run.version.split(':')[1]);
    if (size <= maxCachedFileBytes) {
      const bytes = await readFile(run.path).catch(() => null);
      if (!bytes) return false;
      // A file that changed since the index saw it is sent as read, and not kept.
      const body = bytes.length === size ? keep(run.path, run.version, bytes) : preparedBody(bytes);
      return send(req, res, run.path, body);
    }
    return streamFile(req, res, run.path);
  };
}

async function streamFile(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const handle = await open(path).catch(() => null);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    res.setHeader('Cache-Control', 'no-store');
    const body = startBody(req, res, 200, JSON_TYPE, size);
    if (req.method === 'HEAD' || size === 0) {
      body.end();
      return true;
    }
    res.strictContentLength = true;
    await pipeline(handle.createReadStream({ start: 0, end: size - 1, autoClose: false }), exactly(size), body).catch((error: unknown) => {
      // Headers are sent: cutting the connection is the only honest signal left.
      res.destroy();
      if ((error as Error).message !== 'SHORT_READ') throw error;
    });
    return true;
  } finally {
    await handle.close();
  }
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
