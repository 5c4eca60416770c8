import { asRecord } from './event-facts';
import type { Run, RunEvent } from './model';
import type { LogRow } from './run-schemas';

// elizaOS 1.7 hides failures: ACTION_COMPLETED always says success, and a failed embedding has
// no error text. The truth survives in the agent's raw logs (GET /api/agents/:id/logs), which
// these functions read and apply to a run.

export interface LoggedOutcome {
  success: boolean;
  error: string | null;
}

/** The state of a log lookup, as the page knows it. */
export type LogCheck = { state: 'pending' } | { state: 'failed'; reason: string } | { state: 'done'; rows: LogRow[] };

export const FROM_ACTION_LOG = "outcome from the agent's action log";

/** Action ids whose outcome the action log must confirm. */
export function actionIdsToCheck(run: Run): string[] {
  return run.events.filter((event) => event.needsOutcomeCheck && event.actionId).map((event) => event.actionId as string);
}

/** Memory ids of failed embeddings that came without an error text. */
export function embeddingIdsToExplain(run: Run): string[] {
  return run.events
    .filter((event) => event.kind === 'embedding' && event.failed && event.error === null && typeof event.data.memoryId === 'string')
    .map((event) => event.data.memoryId as string);
}

/** The outcome of each action in the log rows, keyed by actionId (the newest row wins). */
export function actionOutcomes(rows: LogRow[]): Map<string, LoggedOutcome> {
  const outcomes = new Map<string, LoggedOutcome>();
  for (const row of rows) {
    const body = asRecord(row.body);
    const actionId = typeof body?.actionId === 'string' ? body.actionId : null;
    if (!body || !actionId || outcomes.has(actionId)) continue;
    const outcome = outcomeOf(body);
    if (outcome) outcomes.set(actionId, outcome);
  }
  return outcomes;
}

function outcomeOf(body: Record<string, unknown>): LoggedOutcome | null {
  const results = asRecord(asRecord(body.state)?.data)?.actionResults;
  const entries = Array.isArray(results) ? results.map(asRecord).filter((entry) => entry !== null) : [];
  const actionName = typeof body.action === 'string' ? body.action : null;
  const entry = entries.findLast((candidate) => asRecord(candidate.data)?.actionName === actionName) ?? entries.at(-1);
  if (!entry || typeof entry.success !== 'boolean') return null;
  const error = asRecord(entry.data)?.error ?? entry.error;
  const errorText = typeof error === 'string' && error ? error : typeof entry.text === 'string' && !entry.success ? entry.text : null;
  return { success: entry.success, error: entry.success ? null : errorText };
}

/** Error texts of failed embeddings in `embedding_event` log rows of this run, keyed by memoryId. */
export function embeddingErrors(rows: LogRow[], runId: string): Map<string, string> {
  const errors = new Map<string, string>();
  for (const row of rows) {
    const body = asRecord(row.body);
    if (!body || (body.runId !== undefined && body.runId !== runId)) continue;
    if (typeof body.memoryId === 'string' && typeof body.error === 'string' && !errors.has(body.memoryId))
      errors.set(body.memoryId, body.error);
  }
  return errors;
}

/** The run with each unconfirmed action outcome replaced by what the action log says. */
export function applyActionLog(run: Run, check: LogCheck): Run {
  const outcomes = check.state === 'done' ? actionOutcomes(check.rows) : null;
  return mapEvents(run, (event) => {
    if (!event.needsOutcomeCheck) return event;
    if (check.state === 'pending') return { ...event, outcomeNote: "checking the agent's action log…" };
    if (check.state === 'failed') return { ...event, outcomeNote: `outcome unverified: ${check.reason}` };
    const outcome = outcomes?.get(event.actionId ?? '');
    if (!outcome) return { ...event, outcomeNote: "outcome unverified: the action is not in the agent's action log" };
    return {
      ...event,
      needsOutcomeCheck: false,
      failed: !outcome.success,
      error: outcome.success ? null : (outcome.error ?? `${event.name ?? 'action'} failed`),
      outcomeNote: FROM_ACTION_LOG,
    };
  });
}

/** The run with error texts from the `embedding_event` log added to failed embeddings. */
export function applyEmbeddingLog(run: Run, rows: LogRow[]): Run {
  const errors = embeddingErrors(rows, run.runId);
  if (errors.size === 0) return run;
  return mapEvents(run, (event) => {
    const error = event.kind === 'embedding' && event.failed && !event.error ? errors.get(String(event.data.memoryId)) : undefined;
    return error ? { ...event, error, outcomeNote: "error text from the agent's embedding log" } : event;
  });
}

function mapEvents(run: Run, update: (event: RunEvent) => RunEvent): Run {
  let changed = false;
  const events = run.events.map((event) => {
    const next = update(event);
    if (next !== event) changed = true;
    return next;
  });
  return changed ? { ...run, events } : run;
}
