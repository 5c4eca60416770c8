import type { IncomingMessage, ServerResponse } from 'node:http';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { JSON_TYPE } from './api-responses';
import { startBody } from './gzip-body';

// Streams a run file exactly as it is on disk, exactly as long as announced. A file that grows
// while it is sent stops at the announced length; one that shrinks cuts the connection. Either
// way the next response on a keep-alive connection can never be read as part of this one.

/** false when the file could not be opened (gone since the index saw it). */
export async function sendRunFile(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
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
