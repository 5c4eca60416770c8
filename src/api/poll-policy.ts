import { isApiError } from './api-error';

export const POLL_MS = 2000;
const MAX_BACKOFF_MS = 60_000;

interface PollState {
  /** The run is still running. */
  running: boolean;
  /** The error of the last fetch, if the last fetch failed. */
  lastError: unknown;
  /** Consecutive failed fetches. */
  failures: number;
}

/**
 * How long to wait before polling a running run again: every 2 s; after failures, twice as long
 * each time (up to a minute); when rate limited, as long as the server's Retry-After asks.
 */
export function pollDelay({ running, lastError, failures }: PollState): number | false {
  if (!running) return false;
  if (!lastError) return POLL_MS;
  if (isApiError(lastError) && lastError.kind === 'rate-limited') return Math.min(Math.max(lastError.retryAfterMs ?? MAX_BACKOFF_MS, POLL_MS), 15 * 60_000);
  return Math.min(POLL_MS * 2 ** Math.max(failures, 1), MAX_BACKOFF_MS);
}
