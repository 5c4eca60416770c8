import type { RunBundle, RunContext } from './run-bundle';

/** A read-only copy of a run: a share link (the run is in its fragment) or a snapshot file. */
export type RunCopy = { how: 'link'; fragment: string } | { how: 'snapshot' };

/**
 * Where a run came from: a server (with its logs and neighbours; `response` as sent), a file
 * opened in the browser, or a read-only copy (share link, snapshot). Files and copies carry the
 * context saved beside the run (see run-bundle.ts) and make no request.
 */
export type RunSource =
  | { kind: 'server'; agentId: string; response: unknown }
  | { kind: 'file'; name: string; text: string; context: RunContext }
  | { kind: 'copy'; copy: RunCopy; bundle: RunBundle; context: RunContext };
