import type { Run } from './model';
import { collectErrors } from './run-errors';

export interface RunCounts {
  events: number;
  actions: number;
  modelCalls: number;
  evaluators: number;
  errors: number;
}

/** Counted from the events: the real server's own counts are wrong (see the API doc). */
export function countRun(run: Run): RunCounts {
  const counts: RunCounts = { events: run.events.length, actions: 0, modelCalls: 0, evaluators: 0, errors: collectErrors(run).length };
  for (const event of run.events) {
    if (event.kind === 'action' && event.phase === 'started') counts.actions++;
    else if (event.kind === 'model') counts.modelCalls++;
    else if (event.kind === 'evaluator' && event.phase !== 'started') counts.evaluators++;
  }
  if (counts.actions === 0) {
    // Some producers log only the completion of an action.
    counts.actions = run.events.filter((event) => event.kind === 'action').length;
  }
  return counts;
}

/**
 * The run's duration in ms: the server's figure when it sent one, else computed from the
 * timestamps. A running run has none yet unless `now` is given (elapsed so far).
 */
export function runDuration(run: Run, now?: number): number | null {
  if (run.serverDurationMs !== null) return run.serverDurationMs;
  if (run.startedAt === null) return null;
  if (run.endedAt !== null) return Math.max(0, run.endedAt - run.startedAt);
  return now === undefined ? null : Math.max(0, now - run.startedAt);
}
