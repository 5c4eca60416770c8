import type { Run } from '../src/run/model';
import { normalizeRun } from '../src/run/normalize';
import { countRun, runDuration } from '../src/run/run-stats';
import type { RunSummaryPayload } from '../src/run/run-schemas';
import { truthBasis, type RunTruth, type TruthBasis } from '../src/run/run-truth';
import { FIRST_PAINT_READ_BYTES, firstPaintHtml } from './first-paint-html';

// The one place where a run file becomes a row of the runs list. The index (run-index.ts) computes
// it once per file version and keeps it; richer rows (a status that also reads the action logs,
// say) are computed here, by the shared pure code in src/run/.

type SummaryField = 'runId' | 'status' | 'startedAt' | 'endedAt' | 'durationMs' | 'messageId' | 'roomId' | 'entityId';

/**
 * One row of GET /api/agents/:agentId/runs, in the real server's shape: the summary schema the
 * viewer reads, with every field present (null when unknown) and every count.
 */
export type RunSummaryRow = { [K in SummaryField]-?: Exclude<RunSummaryPayload[K], undefined> } & {
  metadata: Record<string, never>;
  counts: Required<NonNullable<RunSummaryPayload['counts']>>;
  /**
   * Not in the real server's rows: the status and counts the run page shows (see run-truth.ts).
   * Here without the action log; the store applies the agent's action log when the run needs it.
   */
  truth: RunTruth;
};

/**
 * A file's content judged: a row (and what its truth needs from the action log later), or why it
 * is not one. Never quotes the content.
 */
export type SummaryResult = Summarized | { error: string };

export interface Summarized {
  summary: RunSummaryRow;
  checkable: TruthBasis['checkable'];
  /**
   * A big file's first paint (first-paint-html.ts), drawn while it is read anyway, so a page never
   * waits for its parse; not for a run whose outcomes only the action log knows (drawn then without them).
   */
  firstPaint?: string;
}

export function summarizeRunText(text: string, agentId: string): SummaryResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // V8's message quotes the text around the mistake, which may be a secret: say only where.
    return { error: 'not valid JSON' };
  }
  try {
    const run = normalizeRun(json, agentId);
    const summarized = summarizeRun(run);
    if (!summarized.checkable && Buffer.byteLength(text) > FIRST_PAINT_READ_BYTES) summarized.firstPaint = firstPaintHtml(run);
    return summarized;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: `not a run (${reason.slice(0, 160)})` };
  }
}

function summarizeRun(run: Run): Summarized {
  const { actions, modelCalls, errors, evaluators } = countRun(run);
  const { truth, checkable } = truthBasis(run);
  const summary: RunSummaryRow = {
    runId: run.runId,
    status: run.serverStatus,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    durationMs: runDuration(run),
    messageId: run.messageId,
    roomId: run.roomId,
    entityId: run.entityId,
    metadata: {},
    counts: { actions, modelCalls, errors, evaluators },
    truth,
  };
  return { summary, checkable };
}
