import type { RunContext } from './run-bundle';

/**
 * Where a run came from: a server (with its logs and neighbours), or a file opened in the browser
 * with the context saved beside the run (see run-bundle.ts).
 */
export type RunSource = { kind: 'server'; agentId: string } | { kind: 'file'; name: string; text: string; context: RunContext };
