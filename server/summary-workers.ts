import { Worker } from 'node:worker_threads';
import type { SummaryResult } from './run-summary';
import type { SummaryJob } from './run-summary-worker';

// One worker thread, started on first use, that summarises big run files (see run-summary-worker.ts).
// It runs TypeScript through tsx, like the server itself.

export type WorkerAnswer = { result: SummaryResult } | { ioError: string };

export interface SummaryWorkers {
  summarize(path: string, agentId: string): Promise<WorkerAnswer>;
  close(): Promise<void>;
}

export function createSummaryWorkers(): SummaryWorkers {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, (answer: WorkerAnswer) => void>();

  const start = (): Worker => {
    const started = new Worker(new URL('./ts-worker-entry.mjs', import.meta.url), {
      workerData: { module: new URL('./run-summary-worker.ts', import.meta.url).href },
    });
    started.unref();
    started.on('message', ({ id, ...answer }: { id: number } & WorkerAnswer) => {
      pending.get(id)?.(answer);
      pending.delete(id);
    });
    const fail = (error: unknown) => {
      // A crashed worker fails what it held (as an I/O error: not cached, retried) and is replaced on next use.
      for (const settle of pending.values()) settle({ ioError: `worker: ${error instanceof Error ? error.message : String(error)}` });
      pending.clear();
      if (worker === started) worker = null;
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`exited with ${code}`)));
    return started;
  };

  return {
    summarize(path, agentId) {
      worker ??= start();
      const id = nextId++;
      const job: SummaryJob = { id, path, agentId };
      return new Promise((settle) => {
        pending.set(id, settle);
        worker!.postMessage(job);
      });
    },
    async close() {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}
