import { asRecord } from './event-facts';
import { actionOutcomes, applyActionLog } from './log-outcomes';
import type { Run } from './model';
import { collectErrors } from './run-errors';
import type { LogRow } from './run-schemas';
import { countRun } from './run-stats';
import { deriveStatus, isUnknownRunPlaceholder, statusOf, type DerivedStatus } from './status';

// The truthful summary of a run for the runs list, with the same derivation as the run page, so
// the list and the page never disagree. From a whole run (the embedded server, which has the file)
// or from the agent's logs (a real server: one logs request covers many runs).

export interface RunTruth {
  status: DerivedStatus;
  /** Counted like the run page; null where the logs cannot tell (events, model calls). */
  events: number | null;
  modelCalls: number | null;
  actions: number;
  errors: number;
}

/** The filter values of the runs list: the statuses it shows, and "has errors". */
export const TRUTH_FILTERS = ['running', 'completed', 'failed', 'timeout', 'cancelled', 'has-errors'] as const;
export type TruthFilter = (typeof TRUTH_FILTERS)[number];

export function isTruthFilter(value: string | null): value is TruthFilter {
  return (TRUTH_FILTERS as readonly string[]).includes(value ?? '');
}

export function matchesFilter(truth: RunTruth, filter: TruthFilter): boolean {
  return filter === 'has-errors' ? truth.errors > 0 : truth.status.tone === filter;
}

/**
 * What the truth of a run needs once the run itself is gone: its status and counts, and the few
 * events the action log can still change (failed ones and unconfirmed outcomes, without payloads).
 * Small enough to keep for every run of a folder; `truthOfBasis` finishes it with the action log.
 */
export interface TruthBasis {
  truth: RunTruth;
  /** The run with only the events that errors are counted from, payloads dropped; null when no action needs the log. */
  checkable: Run | null;
}

export function truthBasis(run: Run): TruthBasis {
  const counts = countRun(run);
  const status: DerivedStatus = isUnknownRunPlaceholder(run) ? { tone: 'running', label: 'running', reason: null } : deriveStatus(run);
  const truth = { status, events: counts.events, modelCalls: counts.modelCalls, actions: counts.actions, errors: counts.errors };
  const needsLog = run.events.some((event) => event.needsOutcomeCheck);
  const checkable = needsLog
    ? { ...run, events: run.events.filter((event) => event.failed || event.needsOutcomeCheck).map((event) => ({ ...event, data: {} })) }
    : null;
  return { truth, checkable };
}

/** The truth with the agent's action log applied, exactly as the run page applies it. */
export function truthOfBasis(basis: TruthBasis, actionRows: readonly LogRow[]): RunTruth {
  if (!basis.checkable || actionRows.length === 0) return basis.truth;
  const checked = applyActionLog(basis.checkable, { state: 'done', rows: [...actionRows] });
  return { ...basis.truth, errors: collectErrors(checked).length };
}

/** From a whole run and the agent's action log rows, exactly as the run page derives it. */
export function truthOfRun(run: Run, actionRows: readonly LogRow[]): RunTruth {
  return truthOfBasis(truthBasis(run), actionRows);
}

/** What a list row of the real server says, before anything corrects it. */
export interface ListedRunFacts {
  runId: string;
  status: string;
}

/** The agent's log rows the list reads, of the types named. */
export interface AgentLogs {
  runEvents: LogRow[];
  actions: LogRow[];
  embeddings: LogRow[];
}

/**
 * From the agent's `run_event` rows (RUN_STARTED / RUN_ENDED / RUN_TIMEOUT, each with `body.runId`,
 * `status` and `error`), `action` rows (`body.parentRunId` is the run, `body.actionId` the action)
 * and `embedding_event` rows (`body.runId`, `status`). Returns null when the logs hold nothing
 * about the run, so the caller can say so.
 */
export function truthFromLogs(listed: ListedRunFacts, logs: AgentLogs): RunTruth | null {
  const bodies = (rows: LogRow[]) => rows.map((row) => asRecord(row.body)).filter((body) => body !== null);
  const runEvents = bodies(logs.runEvents).filter((body) => body.runId === listed.runId);
  const ended = runEvents.find((body) => body.status !== 'started');
  const actions = logs.actions.filter((row) => {
    const body = asRecord(row.body);
    return body?.parentRunId === listed.runId || (body?.parentRunId === undefined && body?.runId === listed.runId);
  });
  const failedEmbeddings = new Set(
    bodies(logs.embeddings)
      .filter((body) => body.runId === listed.runId && body.status === 'failed')
      .map((body, index) => (typeof body.memoryId === 'string' ? body.memoryId : `#${index}`)),
  );
  if (runEvents.length === 0 && actions.length === 0 && failedEmbeddings.size === 0) return null;

  const failedActions = [...actionOutcomes(actions).values()].filter((outcome) => !outcome.success).length;
  const actionIds = new Set(actions.map((row) => asRecord(row.body)?.actionId).filter((id) => typeof id === 'string'));
  const endedStatus = typeof ended?.status === 'string' ? ended.status : null;
  const error = typeof ended?.error === 'string' && ended.error ? ended.error : null;
  return {
    status: statusOf(listed.status, endedStatus, error),
    events: null,
    modelCalls: null,
    actions: actionIds.size,
    errors: failedActions + failedEmbeddings.size + (error ? 1 : 0),
  };
}
