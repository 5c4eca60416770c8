import type { Run } from './model';

export type StatusTone = 'running' | 'completed' | 'failed' | 'timeout' | 'cancelled' | 'other';

export interface DerivedStatus {
  tone: StatusTone;
  /** What the badge says. */
  label: string;
  /** Why the viewer disagrees with the server, when it does. */
  reason: string | null;
}

const TONES: Record<string, StatusTone> = {
  started: 'running',
  running: 'running',
  in_progress: 'running',
  completed: 'completed',
  success: 'completed',
  failed: 'failed',
  error: 'failed',
  timeout: 'timeout',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/**
 * The truthful status. elizaOS 1.7.x ends a run whose model threw as `completed` and leaves the
 * error only in RUN_ENDED.data.error; such a run is failed. A run still `started` in the summary
 * but with a RUN_ENDED event has ended. Unusual statuses (`self`, `muted`, ...) are shown as they are.
 */
export function deriveStatus(run: Run): DerivedStatus {
  const ended = lastRunEnded(run);
  const endedStatus = typeof ended?.data.status === 'string' ? ended.data.status : null;
  return statusOf(run.serverStatus, endedStatus, ended?.error ?? null);
}

/**
 * deriveStatus's rules on their own: the server's status, and the status and error its RUN_ENDED
 * carried (an event of the run, or the `run_event` row the agent's log keeps of it).
 */
export function statusOf(serverStatus: string, endedStatus: string | null, endedError: string | null): DerivedStatus {
  const status = toneOf(serverStatus) === 'running' && endedStatus ? endedStatus : serverStatus;
  const tone = toneOf(status) ?? 'other';

  if (endedError) {
    const reason = tone === 'failed' ? null : `The server says "${status}", but the run ended with an error.`;
    return { tone: 'failed', label: 'failed', reason };
  }
  if (tone === 'failed') return { tone, label: 'failed', reason: status === 'failed' ? null : `The server says "${status}".` };
  if (tone === 'running') return { tone, label: 'running', reason: null };
  return { tone, label: tone === 'other' ? status : tone, reason: null };
}

/** The real server answers an unknown run id with 200, status `started` and no events. */
export function isUnknownRunPlaceholder(run: Run): boolean {
  return run.events.length === 0 && toneOf(run.serverStatus) === 'running';
}

/** The tone of a status as a server writes it (`timeout`, `completed`...); `other` for one the viewer does not know. */
export function statusTone(status: string): StatusTone {
  return toneOf(status) ?? 'other';
}

/** Own keys only: a status such as "constructor" must not find Object.prototype's. */
function toneOf(status: string): StatusTone | undefined {
  const key = status.toLowerCase();
  return Object.hasOwn(TONES, key) ? TONES[key] : undefined;
}

export function lastRunEnded(run: Run) {
  for (let i = run.events.length - 1; i >= 0; i--) {
    const event = run.events[i];
    if (event.kind === 'run' && event.phase === 'ended') return event;
  }
  return null;
}
