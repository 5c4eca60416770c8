import type { Run } from './model';

/**
 * elizaOS 1.7.2 ends a run after `timeoutDuration` (60 min by default, counted from the run's
 * start) with RUN_TIMEOUT. A running run with no new event for longer than that cannot still be
 * working: its server stopped or lost it. 10 minutes would call slow but live runs (one long model
 * call) stale, so the period is the timeout plus 5 minutes for clocks that disagree.
 */
export const STALE_AFTER_MS = 65 * 60_000;

/** The time of the run's newest event (or its start): when it last showed a sign of life. */
export function lastActivityAt(run: Run): number | null {
  let latest = run.startedAt;
  for (const event of run.events) {
    if (event.timestamp !== null && (latest === null || event.timestamp > latest)) latest = event.timestamp;
  }
  return latest;
}

/** How long the run has been quiet at `now`, in ms; null when it has no time at all. */
export function quietFor(run: Run, now: number): number | null {
  const last = lastActivityAt(run);
  return last === null ? null : Math.max(0, now - last);
}

export function isStale(quietMs: number | null): boolean {
  return quietMs !== null && quietMs >= STALE_AFTER_MS;
}
