import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { estimateRun, type Counted, type TokenEstimatesBody } from './token-counting';

// Counts the tokens of big runs off the main thread (see token-estimate-workers.ts). A run's bytes
// arrive first and are hashed, so that the server can answer from its cache without counting; it
// then asks for the count, or lets the bytes go.

export type EstimateJob =
  | { kind: 'hold'; id: number; bytes: ArrayBuffer }
  | { kind: 'count'; id: number; agentId: string; of: Counted }
  | { kind: 'drop'; id: number };

export type EstimateAnswer = { id: number; hash: string } | { id: number; body: TokenEstimatesBody } | { id: number; failed: true };

const held = new Map<number, Buffer>();
const answer = (message: EstimateAnswer) => parentPort?.postMessage(message);

parentPort?.on('message', async (job: EstimateJob) => {
  if (job.kind === 'hold') {
    const bytes = Buffer.from(job.bytes);
    held.set(job.id, bytes);
    return answer({ id: job.id, hash: createHash('sha256').update(bytes).digest('base64url') });
  }
  const bytes = held.get(job.id);
  held.delete(job.id);
  if (job.kind === 'drop') return;
  try {
    if (!bytes) throw new Error('nothing held');
    answer({ id: job.id, body: await estimateRun(bytes.toString('utf8'), job.agentId, job.of) });
  } catch {
    answer({ id: job.id, failed: true });
  }
});
