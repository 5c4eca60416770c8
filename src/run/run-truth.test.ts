import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogRow } from './run-schemas';
import { applyActionLog } from './log-outcomes';
import { normalizeRun } from './normalize';
import { countRun } from './run-stats';
import { matchesFilter, truthBasis, truthFromLogs, truthOfBasis, truthOfRun } from './run-truth';
import { deriveStatus, isUnknownRunPlaceholder } from './status';

const FAKEBOT = join(import.meta.dirname, '../../server/sample-runs/b0aec2f9-fc2e-04c1-99b1-f50283740495');
const ATLAS = join(import.meta.dirname, '../../server/sample-runs/550e8400-e29b-41d4-a716-446655440000');
const read = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const actionLog = (read(FAKEBOT, 'logs/action-log-action-error.json') as { data: LogRow[] }).data;
const ACTION_ERROR_RUN = 'dd3d79f8-d03c-4285-895d-dfe504141261';

describe('truthOfRun', () => {
  it('applies the action log as the run page does: a REPLY that failed is an error of a completed run', () => {
    const run = normalizeRun(read(FAKEBOT, 'captured-action-error.json'));
    expect(run.runId).toBe(ACTION_ERROR_RUN);
    expect(truthOfRun(run, []).errors).toBe(0);
    const truth = truthOfRun(run, actionLog);
    expect(truth.status.label).toBe('completed');
    expect(truth.errors).toBe(1);
    expect(matchesFilter(truth, 'has-errors')).toBe(true);
    expect(matchesFilter(truth, 'failed')).toBe(false);
  });

  it('calls a run failed when its RUN_ENDED carries an error, and a documented failed run failed', () => {
    const modelError = truthOfRun(normalizeRun(read(FAKEBOT, 'run-detail-model-error.json')), actionLog);
    expect(modelError.status).toMatchObject({ tone: 'failed', label: 'failed' });
    expect(matchesFilter(modelError, 'failed')).toBe(true);
    const documented = truthOfRun(normalizeRun(read(ATLAS, 'documented-failed.json')), []);
    expect(documented.status.tone).toBe('failed');
    expect(documented.errors).toBeGreaterThan(0);
  });

  it('a run the server says is still started, with no events, is running', () => {
    const truth = truthOfRun(normalizeRun({ summary: { runId: 'r', status: 'started' }, events: [] }), []);
    expect(truth.status.tone).toBe('running');
  });
});

describe('truthFromLogs', () => {
  const logs = (runEvents: LogRow[], actions: LogRow[] = [], embeddings: LogRow[] = []) => ({ runEvents, actions, embeddings });
  const ended = (runId: string, extra: Record<string, unknown> = {}): LogRow => ({
    type: 'run_event',
    body: { runId, status: 'completed', ...extra },
  });

  it('reads a RUN_ENDED error as failed, whatever the list says', () => {
    const truth = truthFromLogs({ runId: 'r1', status: 'completed' }, logs([ended('r1', { error: 'model threw' })]));
    expect(truth?.status).toMatchObject({ tone: 'failed', label: 'failed' });
    expect(truth?.errors).toBe(1);
    expect(truth?.events).toBeNull();
  });

  it("counts the actions whose log says they failed, matched by the action row's parentRunId", () => {
    const truth = truthFromLogs({ runId: ACTION_ERROR_RUN, status: 'completed' }, logs([ended(ACTION_ERROR_RUN)], actionLog));
    expect(truth).toMatchObject({ status: { tone: 'completed' }, actions: 1, errors: 1 });
    const other = truthFromLogs({ runId: 'another-run', status: 'completed' }, logs([ended('another-run')], actionLog));
    expect(other).toMatchObject({ actions: 0, errors: 0 });
  });

  it('a run still started in the list but ended in the log has ended; a run absent from the logs is unknown', () => {
    expect(truthFromLogs({ runId: 'r2', status: 'started' }, logs([ended('r2', { status: 'timeout' })]))?.status.tone).toBe('timeout');
    expect(
      truthFromLogs({ runId: 'r3', status: 'started' }, logs([{ type: 'run_event', body: { runId: 'r3', status: 'started' } }]))?.status
        .tone,
    ).toBe('running');
    expect(truthFromLogs({ runId: 'r4', status: 'completed' }, logs([ended('r2')]))).toBeNull();
  });

  it('counts a failed embedding of the run, as the run page counts its failed EMBEDDING_EVENT', () => {
    const embeddingLog = (read(FAKEBOT, 'logs/embedding-log.json') as { data: LogRow[] }).data;
    const runId = String((embeddingLog[0].body as { runId: string }).runId);
    expect(truthFromLogs({ runId, status: 'completed' }, logs([ended(runId)], [], embeddingLog))).toMatchObject({
      status: { tone: 'completed' },
      errors: 1,
    });
  });
});

describe('truthBasis', () => {
  const samples = [FAKEBOT, ATLAS].flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.json') && file !== 'agent.json')
      .map((file) => [file, dir] as const),
  );

  it.each(samples)('%s: the kept basis gives the run page its status and counts, with and without the action log', (file, dir) => {
    const run = normalizeRun(read(dir, file));
    for (const rows of [[], actionLog]) {
      const page = rows.length ? applyActionLog(run, { state: 'done', rows }) : run;
      const counts = countRun(page);
      const expected = { events: counts.events, modelCalls: counts.modelCalls, actions: counts.actions, errors: counts.errors };
      expect(truthOfBasis(truthBasis(run), rows)).toMatchObject(expected);
      expect(truthOfBasis(truthBasis(run), rows).status).toEqual(isUnknownRunPlaceholder(page) ? expect.anything() : deriveStatus(page));
    }
  });

  it('keeps no payloads', () => {
    const { checkable } = truthBasis(normalizeRun(read(FAKEBOT, 'captured-action-error.json')));
    expect(checkable?.events.length).toBeGreaterThan(0);
    expect(checkable?.events.every((event) => Object.keys(event.data).length === 0)).toBe(true);
    expect(truthBasis(normalizeRun(read(FAKEBOT, 'run-detail-simple-reply.json'))).checkable).toBeNull();
  });
});
