import { Worker } from 'node:worker_threads';
import type { Counted, TokenEstimatesBody } from './token-counting';
import type { EstimateAnswer, EstimateJob } from './token-estimate-worker';

// One worker thread, started on first use, that hashes and counts big runs (token-estimate-worker.ts).
// The run's bytes are moved to it, not copied.

/** A run's bytes, held by the worker: count them, or let them go. */
export interface HeldRun {
  hash: string;
  /** Rejects when the run is not a run (or the worker failed): never cached. */
  count(agentId: string, of: Counted): Promise<TokenEstimatesBody>;
  drop(): void;
}

export interface EstimateWorker {
  hold(bytes: Buffer): Promise<HeldRun>;
  close(): Promise<void>;
}

export function createEstimateWorker(): EstimateWorker {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { settle: (answer: EstimateAnswer) => void; fail: (error: Error) => void }>();

  const start = (): Worker => {
    const started = new Worker(new URL('./ts-worker-entry.mjs', import.meta.url), {
      workerData: { module: new URL('./token-estimate-worker.ts', import.meta.url).href },
    });
    started.unref();
    started.on('message', (answer: EstimateAnswer) => {
      pending.get(answer.id)?.settle(answer);
      pending.delete(answer.id);
    });
    const fail = (error: unknown) => {
      // A crashed worker fails what it held and is replaced on next use.
      for (const { fail: reject } of pending.values())
        reject(new Error(`worker: ${error instanceof Error ? error.message : String(error)}`));
      pending.clear();
      if (worker === started) worker = null;
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`exited with ${code}`)));
    return started;
  };

  function ask(job: EstimateJob, transfer: ArrayBuffer[] = []): Promise<EstimateAnswer> {
    worker ??= start();
    const asked = worker;
    return new Promise((settle, fail) => {
      pending.set(job.id, { settle, fail });
      asked.postMessage(job, transfer);
    });
  }

  return {
    async hold(bytes) {
      const id = nextId++;
      // Moved, not copied, when the bytes have a buffer of their own; a slice of a shared one is copied.
      const buffer = (
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : new Uint8Array(bytes).buffer
      ) as ArrayBuffer;
      const held = await ask({ kind: 'hold', id, bytes: buffer }, [buffer]);
      if (!('hash' in held)) throw new Error('the worker did not hash the run');
      return {
        hash: held.hash,
        async count(agentId, of) {
          const counted = await ask({ kind: 'count', id, agentId, of });
          if (!('body' in counted)) throw new Error('not a run');
          return counted.body;
        },
        drop: () => worker?.postMessage({ kind: 'drop', id } satisfies EstimateJob),
      };
    },
    async close() {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}
