import { STALE_AFTER_MS } from '../run/staleness';
import { isApiError } from './api-error';

export const POLL_MS = 2000;
const MAX_BACKOFF_MS = 60_000;
/** After a minute without a new event, and after ten. */
const QUIET_POLL_MS = 10_000;
const QUIETER_POLL_MS = 60_000;

interface PollState {
  /** The run is still running. */
  running: boolean;
  /** The error of the last fetch, if the last fetch failed. */
  lastError: unknown;
  /** Consecutive failed fetches. */
  failures: number;
  /** How long the run has been without a new event (0 when unknown). */
  quietMs?: number;
  /** The user asked to keep polling a stale run. */
  resumed?: boolean;
}

/**
 * How long to wait before polling a running run again: every 2 s, every 10 s once it has been
 * quiet for a minute, every minute after ten, and not at all once it is stale (quiet for longer than
 * elizaOS's run timeout) unless the user resumes (then every 10 s). After failures, twice as long
 * each time (up to a minute); when rate limited, as long as the server's Retry-After asks.
 */
export function pollDelay({ running, lastError, failures, quietMs = 0, resumed = false }: PollState): number | false {
  if (!running) return false;
  if (quietMs >= STALE_AFTER_MS && !resumed) return false;
  const base = resumed ? QUIET_POLL_MS : quietMs >= 10 * 60_000 ? QUIETER_POLL_MS : quietMs >= 60_000 ? QUIET_POLL_MS : POLL_MS;
  if (!lastError) return base;
  if (isApiError(lastError) && lastError.kind === 'rate-limited')
    return Math.min(Math.max(lastError.retryAfterMs ?? MAX_BACKOFF_MS, base), 15 * 60_000);
  return Math.min(Math.max(POLL_MS * 2 ** Math.max(failures, 1), base), MAX_BACKOFF_MS);
}
