import type { TokenCount } from '../run/model';
import { TOKENIZER_NAME, type EstimateInput } from '../run/token-estimate';
import { directServer } from './api-target';

// The one way the app gets token estimates. With the viewer's own server behind the page (embedded
// or proxy mode), that server counts a run's calls with the same tokenizer and the same function,
// and the browser downloads no tokenizer. Where no server of ours exists (direct mode, a file opened
// in the browser, a snapshot), or for texts that are not a run's calls, a worker counts them here.

export interface TokenJob {
  /** Input id -> texts to count. For a run's calls, `estimateInputs(run)`. */
  inputs: EstimateInput[];
  /**
   * Set when the inputs are exactly what the viewer's server makes of this run as it has it:
   * `estimateInputs(run)` (the calls, by default), or with `of: 'sections'`,
   * `sectionPieceInputs(runPrompts(run))` (the context breakdown's prompt sections).
   */
  run?: { agentId: string; runId: string; roomId: string | null; of?: 'calls' | 'sections' };
  signal?: AbortSignal;
}

/** Whether estimates for a server run will be counted by the viewer's server (no tokenizer download). */
export function serverCountsTokens(): boolean {
  return directServer() === null;
}

export async function countTokens({ inputs, run, signal }: TokenJob): Promise<Map<string, TokenCount>> {
  if (inputs.length === 0) return new Map();
  if (run && serverCountsTokens()) {
    const counted = await countOnServer(run, signal);
    if (counted) return counted;
  }
  return countInWorker(inputs);
}

export function tokenEstimatesPath({ agentId, runId, roomId, of = 'calls' }: NonNullable<TokenJob['run']>): string {
  const params = new URLSearchParams();
  if (roomId) params.set('roomId', roomId);
  if (of !== 'calls') params.set('of', of);
  const query = params.size ? `?${params}` : '';
  return `/viewer-api/token-estimates/${encodeURIComponent(agentId)}/${encodeURIComponent(runId)}${query}`;
}

/** null when the server cannot count them (an older server, a static host): the worker does. */
async function countOnServer(run: NonNullable<TokenJob['run']>, signal?: AbortSignal): Promise<Map<string, TokenCount> | null> {
  try {
    const response = await fetch(tokenEstimatesPath(run), { signal });
    if (!response.ok) return null;
    const body = (await response.json()) as { tokenizer?: unknown; estimates?: unknown };
    if (body.tokenizer !== TOKENIZER_NAME || !Array.isArray(body.estimates)) return null;
    const counts = new Map<string, TokenCount>();
    for (const entry of body.estimates as unknown[]) {
      if (!Array.isArray(entry)) return null;
      const [id, prompt, completion] = entry as unknown[];
      if (typeof id !== 'string' || !Number.isInteger(prompt) || !Number.isInteger(completion)) return null;
      counts.set(id, { prompt: prompt as number, completion: completion as number, total: (prompt as number) + (completion as number) });
    }
    return counts;
  } catch (error) {
    if (signal?.aborted) throw error;
    return null;
  }
}

function countInWorker(inputs: EstimateInput[]): Promise<Map<string, TokenCount>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../run/token-estimate.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<[string, TokenCount][]>) => {
      worker.terminate();
      resolve(new Map(message.data));
    };
    worker.onerror = (error) => {
      worker.terminate();
      reject(new Error(`Token estimation failed: ${error.message}`));
    };
    worker.postMessage(inputs);
  });
}
