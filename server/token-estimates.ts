import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { setApiHeaders } from './api-responses';
import { COUNTED, estimateRun, type Counted, type TokenEstimatesBody } from './token-counting';
import { createEstimateWorker } from './token-estimate-workers';

// Token estimates for a run, counted here, where gpt-tokenizer already is, so a browser talking to
// this server never downloads the ~430 kB tokenizer. The run is read through this server's own
// /api (embedded files or the proxy, with its key, limits and errors), normalised by the app's own
// code and counted by the same estimate function the browser's worker uses: the numbers are the
// same either way. Answers are kept by run and by a hash of the run's body, so a finished run is
// counted once and a run in progress again only when it changed. A big run (8 MB and more) is
// hashed, parsed and counted in a worker thread: parsing it here would stall every other request.
//
//   GET /viewer-api/token-estimates/<agentId>/<runId>[?roomId=<roomId>][&of=sections]
//   200 { tokenizer: 'cl100k_base', estimates: [[eventId, prompt, completion], ...] }
//
// By default it counts the run's model calls (`estimateInputs`); `of=sections` counts the pieces
// of its prompts' sections (`sectionPieceInputs(runPrompts(run))`) for the context breakdown.

export const TOKEN_ESTIMATES_PREFIX = '/viewer-api/token-estimates/';

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const CACHED_RUNS = 32;
/** Runs at least this big are hashed, parsed and counted in a worker thread: parsing alone would stall the server. */
const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;

export type { TokenEstimatesBody } from './token-counting';

export type TokenEstimatesHandler = ((req: IncomingMessage, res: ServerResponse, path: string, query: string) => Promise<void>) & {
  /** Stops the worker thread, if one was started. */
  close(): Promise<void>;
};

/** `apiBase`: this server's own origin, read when the first request comes (the port is known by then). */
export function createTokenEstimates(apiBase: () => string): TokenEstimatesHandler {
  const cache = new Map<string, { hash: string; body: Promise<TokenEstimatesBody> }>();
  const worker = createEstimateWorker();

  const handler = async (req: IncomingMessage, res: ServerResponse, path: string, query: string) => {
    // Answered like every /api route: never a page, never cached.
    setApiHeaders(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET');
      return send(req, res, 405, { error: 'Only GET is allowed.' });
    }
    const [agentId, runId, ...rest] = path.slice(TOKEN_ESTIMATES_PREFIX.length).split('/');
    const params = new URLSearchParams(query);
    const roomId = params.get('roomId');
    const of = params.get('of') ?? 'calls';
    if (
      rest.length ||
      !ID.test(agentId ?? '') ||
      !ID.test(runId ?? '') ||
      (roomId !== null && !ID.test(roomId)) ||
      !Object.hasOwn(COUNTED, of)
    ) {
      return send(req, res, 400, {
        error: 'Expected /viewer-api/token-estimates/<agentId>/<runId>?roomId=<roomId>&of=calls|sections with valid ids.',
      });
    }

    const apiPath = `/api/agents/${agentId}/runs/${runId}${roomId ? `?roomId=${roomId}` : ''}`;
    const run = await readOwnApi(apiBase() + apiPath);
    if (run.status !== 200) {
      // The API's own answer (404, 401, 502...) tells the page why; it then counts in the browser.
      return send(req, res, run.status === 404 ? 404 : 502, { error: `The run could not be read here (${run.status}).` });
    }
    const key = `${agentId}/${runId}/${roomId ?? ''}/${of}`;
    const big = run.bytes.length >= WORKER_THRESHOLD_BYTES ? await worker.hold(run.bytes).catch(() => null) : null;
    if (run.bytes.length >= WORKER_THRESHOLD_BYTES && !big) {
      return send(req, res, 503, { error: 'The run is too big to count here right now; try again.' });
    }
    const hash = big ? big.hash : createHash('sha256').update(run.bytes).digest('base64url');
    let entry = cache.get(key);
    if (entry?.hash === hash) big?.drop();
    if (!entry || entry.hash !== hash) {
      entry = { hash, body: big ? big.count(agentId, of as Counted) : estimateRun(run.bytes.toString('utf8'), agentId, of as Counted) };
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > CACHED_RUNS) cache.delete(cache.keys().next().value!);
      // A failed count is not kept.
      entry.body.catch(() => cache.get(key) === entry && cache.delete(key));
    } else {
      // Most recently used last, so the oldest run is the one dropped.
      cache.delete(key);
      cache.set(key, entry);
    }
    let body: TokenEstimatesBody;
    try {
      body = await entry.body;
    } catch {
      return send(req, res, 422, { error: 'The run is not in a shape the viewer can read.' });
    }
    return send(req, res, 200, body);
  };
  return Object.assign(handler, { close: () => worker.close() });
}

/** GET from this server's own API, uncompressed. */
function readOwnApi(url: string): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'application/json', 'accept-encoding': 'identity' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 502, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  let bytes = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Vary', 'Accept-Encoding');
  if (bytes.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    bytes = gzipSync(bytes);
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', bytes.length);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
