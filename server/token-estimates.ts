import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { runPrompts, sectionPieceInputs } from '../src/run/context-breakdown';
import type { Run } from '../src/run/model';
import { normalizeRun } from '../src/run/normalize';
import { estimateInputs, estimateTokens, TOKENIZER_NAME } from '../src/run/token-estimate';
import { setApiHeaders } from './api-responses';

// Token estimates for a run, counted here, where gpt-tokenizer already is, so a browser talking to
// this server never downloads the ~430 kB tokenizer. The run is read through this server's own
// /api (embedded files or the proxy, with its key, limits and errors), normalised by the app's own
// code and counted by the same estimate function the browser's worker uses: the numbers are the
// same either way. Answers are kept by run and by a hash of the run's body, so a finished run is
// counted once and a run in progress again only when it changed.
//
//   GET /viewer-api/token-estimates/<agentId>/<runId>[?roomId=<roomId>][&of=sections]
//   200 { tokenizer: 'cl100k_base', estimates: [[eventId, prompt, completion], ...] }
//
// By default it counts the run's model calls (`estimateInputs`); `of=sections` counts the pieces
// of its prompts' sections (`sectionPieceInputs(runPrompts(run))`) for the context breakdown.

export const TOKEN_ESTIMATES_PREFIX = '/viewer-api/token-estimates/';

const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** What can be counted, and the inputs each is: the same functions the browser calls. */
const INPUTS = {
  calls: (run: Run) => estimateInputs(run),
  sections: (run: Run) => sectionPieceInputs(runPrompts(run)),
};
type Counted = keyof typeof INPUTS;
const CACHED_RUNS = 32;
/** Counting yields to the event loop this often, so one big run never stalls the server. */
const SLICE_MS = 8;

export interface TokenEstimatesBody {
  tokenizer: string;
  estimates: [eventId: string, prompt: number, completion: number][];
}

export type TokenEstimatesHandler = (req: IncomingMessage, res: ServerResponse, path: string, query: string) => Promise<void>;

/** `apiBase`: this server's own origin, read when the first request comes (the port is known by then). */
export function createTokenEstimates(apiBase: () => string): TokenEstimatesHandler {
  const cache = new Map<string, { hash: string; body: Promise<TokenEstimatesBody> }>();

  return async (req, res, path, query) => {
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
      !Object.hasOwn(INPUTS, of)
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
    const hash = createHash('sha256').update(run.text).digest('base64url');
    let entry = cache.get(key);
    if (!entry || entry.hash !== hash) {
      entry = { hash, body: estimateRun(run.text, agentId, of as Counted) };
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
}

async function estimateRun(text: string, agentId: string, of: Counted): Promise<TokenEstimatesBody> {
  const inputs = INPUTS[of](normalizeRun(JSON.parse(text), agentId));
  const estimates: TokenEstimatesBody['estimates'] = [];
  let sliceStart = performance.now();
  for (const input of inputs) {
    // One input at a time through the browser worker's own function, yielding now and then.
    for (const [eventId, count] of estimateTokens([input], countTokens)) estimates.push([eventId, count.prompt, count.completion]);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return { tokenizer: TOKENIZER_NAME, estimates };
}

/** GET from this server's own API, uncompressed. */
function readOwnApi(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'application/json', 'accept-encoding': 'identity' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 502, text: Buffer.concat(chunks).toString('utf8') }));
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
