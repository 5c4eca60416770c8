// Worker threads do not inherit tsx from the process that starts them: register it, then load the
// TypeScript worker named by workerData.module (run-summary-worker.ts, token-estimate-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
