import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { summarizeRunText } from './run-summary';

// Reads and summarises one big run file off the main thread: parsing 200 MB of JSON takes over a
// second, and the server must keep answering meanwhile. Only the small row comes back.

export interface SummaryJob {
  id: number;
  path: string;
  agentId: string;
}

parentPort?.on('message', async ({ id, path, agentId }: SummaryJob) => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return parentPort?.postMessage({ id, ioError: code });
  }
  parentPort?.postMessage({ id, result: summarizeRunText(text, agentId) });
});
