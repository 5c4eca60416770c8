// Worker threads do not inherit tsx from the process that starts them: register it, then load the
// TypeScript worker (run-summary-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./run-summary-worker.ts');
